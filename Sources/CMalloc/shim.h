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

/* Asks for the cache line at `address` ahead of its use (a hint: no fault, no effect on what a program computes). A
   lookup in a table of millions of keys misses the caches; started a few rows ahead, the miss overlaps other work. */
static inline void shipaudit_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}
