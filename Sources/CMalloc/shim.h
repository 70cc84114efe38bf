#include <stdlib.h>
#if defined(__GLIBC__) && __has_include(<malloc.h>)
#include <malloc.h>
#endif

/* Blocks of `bytes` or more are mapped on their own and given back to the system when freed. glibc's default
   threshold starts at 128 KB and rises to the largest block freed (up to 32 MB): after a run frees its large tables,
   blocks of many megabytes come from the heap and stay resident once freed. Nothing on other C libraries. */
static inline void shipaudit_map_blocks_from(int bytes) {
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD)
    mallopt(M_MMAP_THRESHOLD, bytes);
#else
    (void)bytes;
#endif
}

/* Freed memory at the top of a heap is kept for reuse up to `bytes` before it is given back to the system. glibc's
   default (128 KB once the mapping threshold is set) gives back the room of every block of a few hundred kilobytes
   freed by a worker thread, and the next such block faults its pages in again. Nothing on other C libraries. */
static inline void shipaudit_keep_freed_top(int bytes) {
#if defined(__GLIBC__) && defined(M_TRIM_THRESHOLD)
    mallopt(M_TRIM_THRESHOLD, bytes);
#else
    (void)bytes;
#endif
}

/* Asks for the cache line at `address` ahead of its use (a hint: no fault, no effect on what a program computes). A
   lookup in a table of millions of keys misses the caches; started a few rows ahead, the miss overlaps other work. */
static inline void shipaudit_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}
