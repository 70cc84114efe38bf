#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Records as libcsv delivers them, gathered back to back in memory the reader owns: every field's bytes (without
   surrounding spaces and tabs), every
   field's end (relative to its record's start), and where the record in progress starts. libcsv calls the two
   callbacks below for every field and record; they are C so that the hottest loop of a read (one call per field,
   79 per Shopify row) stays a memcpy and a store. The Swift reader (CSVReader) notes each completed record and hands
   whole batches of them to the thread that handles them, without copying. */
typedef struct {
    unsigned char *bytes;
    size_t count, capacity;
    uint32_t *ends;
    size_t fields, field_capacity;
    size_t record_bytes;   /* where the record in progress starts in bytes */
    size_t record_fields;  /* and its first field in ends */
    size_t limit;          /* a record larger than this keeps no more bytes and sets overflow */
    int overflow;
    int failed;            /* out of memory: the batch is unusable */
    int complete;          /* set when libcsv ends a record */
} shipaudit_records;

static inline int shipaudit_records_reserve(shipaudit_records *records, size_t bytes, size_t fields) {
    if (bytes > records->capacity) {
        size_t grown = records->capacity ? records->capacity : 4096;
        while (grown < bytes) grown *= 2;
        unsigned char *next = realloc(records->bytes, grown);
        if (!next) return 0;
        records->bytes = next;
        records->capacity = grown;
    }
    if (fields > records->field_capacity) {
        size_t grown = records->field_capacity ? records->field_capacity : 256;
        while (grown < fields) grown *= 2;
        uint32_t *next = realloc(records->ends, grown * sizeof(uint32_t));
        if (!next) return 0;
        records->ends = next;
        records->field_capacity = grown;
    }
    return 1;
}

/* The field callback's rare cases: more room, a record over the limit, no memory. */
/* A record's size counts its bytes and the four bytes each of its fields takes here, so that a line of nothing but
   delimiters (millions of empty fields) is bounded by the limit as a long field is. */
static inline size_t shipaudit_records_size(const shipaudit_records *records, size_t more_bytes, size_t more_fields) {
    return records->count - records->record_bytes + more_bytes
        + (records->fields - records->record_fields + more_fields) * sizeof(uint32_t);
}

__attribute__((noinline)) static void shipaudit_records_field_slow(void *field, size_t length, shipaudit_records *records) {
    /* Over the limit: nothing more is kept (the reader stops at the end of this block with an error). */
    if (records->overflow) return;
    if (shipaudit_records_size(records, length, 1) > records->limit) {
        records->overflow = 1;
        return;
    }
    if (!shipaudit_records_reserve(records, records->count + length, records->fields + 1)) {
        records->failed = 1;
        return;
    }
    if (length > 0) {
        memcpy(records->bytes + records->count, field, length);
        records->count += length;
    }
    records->ends[records->fields++] = (uint32_t)(records->count - records->record_bytes);
}

static inline void shipaudit_records_field(void *field, size_t length, void *context) {
    shipaudit_records *records = context;
    /* Cells are kept without surrounding spaces and tabs (libcsv trims them around unquoted fields, not inside
       quotes): trimmed once here, where the bytes are copied anyway, not on every read of a cell. */
    const unsigned char *start = field;
    while (length > 0 && (start[length - 1] == ' ' || start[length - 1] == '\t')) length--;
    while (length > 0 && (start[0] == ' ' || start[0] == '\t')) { start++; length--; }
    field = (void *)start;
    size_t count = records->count, end = count + length;
    /* Most of a Shopify row's 79 fields are empty: only their end is noted. */
    if (length == 0 && records->fields < records->field_capacity) {
        records->ends[records->fields++] = (uint32_t)(count - records->record_bytes);
        return;
    }
    if (__builtin_expect(end > records->capacity || records->fields >= records->field_capacity
                         || end - records->record_bytes > records->limit, 0)) {
        shipaudit_records_field_slow(field, length, records);
        return;
    }
    /* Most fields are short (and most of a Shopify row's are empty): copied without a call, as two words that
       overlap where the length is not a multiple of theirs (length is at least 1 here: an empty field took the
       branch above, or the slow path when the ends were full). */
    unsigned char *to = records->bytes + count;
    const unsigned char *from = field;
    if (length > 32) {
        memcpy(to, from, length);
    } else if (length > 16) {
        /* Dates (25 bytes) and names: sixteen bytes at each end. */
        uint64_t a, b, c, d;
        memcpy(&a, from, 8); memcpy(&b, from + 8, 8); memcpy(&c, from + length - 16, 8); memcpy(&d, from + length - 8, 8);
        memcpy(to, &a, 8); memcpy(to + 8, &b, 8); memcpy(to + length - 16, &c, 8); memcpy(to + length - 8, &d, 8);
    } else if (length >= 8) {
        uint64_t head, tail;
        memcpy(&head, from, 8); memcpy(&tail, from + length - 8, 8);
        memcpy(to, &head, 8); memcpy(to + length - 8, &tail, 8);
    } else if (length >= 4) {
        uint32_t head, tail;
        memcpy(&head, from, 4); memcpy(&tail, from + length - 4, 4);
        memcpy(to, &head, 4); memcpy(to + length - 4, &tail, 4);
    } else {
        /* 1 to 3 bytes: the first, the middle and the last (some of them the same byte). */
        unsigned char first = from[0], middle = from[length / 2], last = from[length - 1];
        to[0] = first; to[length / 2] = middle; to[length - 1] = last;
    }
    records->count = end;
    records->ends[records->fields++] = (uint32_t)(end - records->record_bytes);
}

/* `count` more empty fields in the record in progress: the rest of a run of delimiters (at a line's end, or inside
   the line of a wide file) after its first one ended a field outside quotes, counted by the reader instead of handed
   to libcsv (CSVReader.parseLine). */
static inline void shipaudit_records_add_empty(shipaudit_records *records, size_t count) {
    if (records->overflow) return;
    if (shipaudit_records_size(records, 0, count) > records->limit) {
        records->overflow = 1;
        return;
    }
    if (!shipaudit_records_reserve(records, records->count, records->fields + count)) {
        records->failed = 1;
        return;
    }
    uint32_t end = (uint32_t)(records->count - records->record_bytes);
    for (size_t i = 0; i < count; i++) records->ends[records->fields + i] = end;
    records->fields += count;
}

static inline void shipaudit_records_end(int terminator, void *context) {
    (void)terminator;
    ((shipaudit_records *)context)->complete = 1;
}
