/* orcchunks: the mechanism behind issue 11, without images: libvips 8.14's vector programs
 * compiled and freed on N threads with libvips' own locking, through its public vector API.
 *
 * libvips compiles an operation's orc program in the operation's build (vips_vector_compile,
 * which holds vips__global_lock around orc_program_compile) and frees it when the operation is
 * disposed (vips_vector_free -> orc_program_free -> orc_code_free, with no lock). orc 0.4.33
 * keeps every compiled program's machine code in shared 64 KiB regions split into a linked list
 * of chunks: allocating takes orc's global mutex only while it searches the list, then splits
 * the chunk and marks it used after unlocking; freeing marks the chunk unused and merges it with
 * its free neighbours, free()ing the neighbour's list node, with no lock at all. Two threads, one
 * freeing and one compiling (or two freeing neighbours), corrupt the list: a node freed twice
 * (glibc: "malloc_consolidate(): unaligned fastbin chunk detected", "free(): double free"), a
 * node used after free (SIGSEGV in liborc), or one chunk handed to two programs, whose machine
 * code then overwrites the other's (SIGSEGV in orc's generated code).
 *
 * THREADS/2 threads compile programs (vips_vector_new, 1..24 byte-wide instructions, so the
 * programs differ in size and chunks split and merge; vips_vector_compile) and hand them over a
 * queue to THREADS/2 threads that free them (vips_vector_free), so frees land at any moment of a
 * compile, as an operation's dispose does in a server (a thread that frees right after its own
 * compile would mostly miss the other threads' allocations).
 *
 * usage: orcchunks THREADS SECONDS MAX_PROGRAMS MODE
 *   MODE: libvips    = libvips' locking: compile under its lock, free without one
 *         serialised = compile and free under one more mutex (what a fixed libvips would do)
 * Prints one result line on stdout when it survives:
 *   result=survived programs=N seconds=S threads=T mode=libvips compiled=N
 * (programs = programs freed; THREADS is at least 2).
 */
#include <vips/vips.h>
#include <vips/vector.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *ops[] = {"addusb", "subusb", "avgub", "maxub", "minub", "andb", "orb", "xorb"};
static double stop_at;
static gint max_programs;
static gint started;
static gint freed;
static gint compiled;
static int serialised;
static GMutex lock;
static GAsyncQueue *queue;

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static VipsVector *program(unsigned *seed) {
    VipsVector *v = vips_vector_new("orcchunks", 1);
    int n = 1 + rand_r(seed) % 24; /* orc 0.4.33's compiler overflows past ~32 */
    vips_vector_source_name(v, "s1", 1);
    vips_vector_temporary(v, "t1", 1);
    vips_vector_asm2(v, "copyb", "t1", "s1");
    for (int i = 0; i < n; i++)
        vips_vector_asm3(v, ops[rand_r(seed) % G_N_ELEMENTS(ops)], "t1", "t1", "s1");
    vips_vector_asm2(v, "copyb", "d1", "t1");
    return v;
}

static gpointer compiler(gpointer data) {
    unsigned seed = GPOINTER_TO_UINT(data) * 2654435761u;
    while (now_s() < stop_at && g_atomic_int_add(&started, 1) < max_programs) {
        VipsVector *v = program(&seed);
        if (serialised) g_mutex_lock(&lock);
        if (vips_vector_compile(v)) g_atomic_int_inc(&compiled); /* under vips__global_lock */
        if (serialised) g_mutex_unlock(&lock);
        g_async_queue_push(queue, v);
        while (g_async_queue_length(queue) > 256) g_usleep(100);
    }
    return NULL;
}

static gpointer freer(gpointer data) {
    (void) data;
    while (TRUE) {
        VipsVector *v = g_async_queue_timeout_pop(queue, 200000);
        if (!v) {
            if (now_s() >= stop_at || g_atomic_int_get(&started) >= max_programs) return NULL;
            continue;
        }
        if (serialised) g_mutex_lock(&lock);
        vips_vector_free(v); /* no lock in libvips (reducev finalize, convi/morph dispose) */
        if (serialised) g_mutex_unlock(&lock);
        g_atomic_int_inc(&freed);
    }
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: orcchunks THREADS SECONDS MAX_PROGRAMS libvips|serialised\n");
        return 2;
    }
    int threads = atoi(argv[1]);
    double seconds = atof(argv[2]);
    max_programs = atoi(argv[3]);
    serialised = !strcmp(argv[4], "serialised");
    if (threads < 2 || threads > 64 || seconds <= 0 || max_programs < 1 ||
        (!serialised && strcmp(argv[4], "libvips"))) {
        fprintf(stderr, "orcchunks: bad arguments\n");
        return 2;
    }
    if (VIPS_INIT(argv[0])) {
        fprintf(stderr, "orcchunks: vips_init: %s\n", vips_error_buffer());
        return 2;
    }
    vips_vector_set_enabled(TRUE);
    double start = now_s();
    stop_at = start + seconds;
    queue = g_async_queue_new();
    GThread **pool = g_new(GThread *, threads);
    for (int i = 0; i < threads; i++)
        pool[i] = g_thread_new("orcchunks", i % 2 ? freer : compiler, GUINT_TO_POINTER(i + 1));
    for (int i = 0; i < threads; i++) g_thread_join(pool[i]);
    printf("result=survived programs=%d seconds=%.1f threads=%d mode=%s compiled=%d libvips=%s\n",
           g_atomic_int_get(&freed), now_s() - start, threads, argv[4],
           g_atomic_int_get(&compiled), vips_version_string());
    return 0;
}
