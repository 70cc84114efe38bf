/* The parse-only baseline: libcsv counting the records of each file given, nothing else. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static void field(void *s, size_t len, void *data) { (void)s; (void)len; (void)data; }
static void record(int c, void *data) { (void)c; ++*(unsigned long *)data; }

int main(int argc, char **argv) {
    static char buffer[1 << 18];
    unsigned long total = 0;
    for (int i = 1; i < argc; i++) {
        FILE *file = fopen(argv[i], "rb");
        if (!file) { perror(argv[i]); return 2; }
        struct csv_parser parser;
        if (csv_init(&parser, 0) != 0) return 2;
        unsigned long records = 0;
        size_t n;
        while ((n = fread(buffer, 1, sizeof buffer, file)) > 0) {
            if (csv_parse(&parser, buffer, n, field, record, &records) != n) { fprintf(stderr, "%s: %s\n", argv[i], csv_strerror(csv_error(&parser))); return 2; }
        }
        csv_fini(&parser, field, record, &records);
        csv_free(&parser);
        fclose(file);
        total += records;
    }
    printf("%lu records\n", total);
    return 0;
}
