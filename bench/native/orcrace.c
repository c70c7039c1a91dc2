/* orcrace: imgrid's libvips calls for a job, looped on N threads at once, to tell a libvips/orc
 * fault apart from a fault of imgrid's JNA binding (issue 11).
 *
 * Each thread loops the job a worker slot runs (io.imgrid.worker.ImageProcessor), with libvips
 * initialised as io.imgrid.worker.vips.Vips.init does (operation cache off,
 * vips_concurrency_set(1)):
 *
 *   jpegload_buffer   access=random, fail_on=truncated            (VipsLoad)
 *   resize            lanczos3, a scale that varies per job       (Scale): reduceh + reducev;
 *                     reducev compiles an orc program for uchar images in its build
 *   gaussblur         sigma 0.5..3, integer precision             (ApplyFilters): convsep ->
 *                     convi, which compiles orc programs for uchar images in its build
 *   sharpen           sigma 0.5..1.5                              (ApplyFilters)
 *   jpegsave_buffer   Q 80                                        (Encoder)
 *   g_object_unref    every image of the job, newest first        (VipsScope.close): the last
 *                     reference to an operation disposes it, and reducev/convi/morph free their
 *                     orc programs there (vips_vector_free -> orc_program_free -> orc_code_free)
 *   vips_thread_shutdown                                          (ImageProcessor.process)
 *
 * No Java, no JNA: if this loop corrupts the heap or crashes, the fault is in libvips/orc.
 *
 * usage: orcrace THREADS SECONDS MAX_JOBS VECTOR [SOURCE.jpg]
 *   VECTOR: on  = vips_vector_set_enabled(TRUE) (libvips' default where it has orc)
 *           off = vips_vector_set_enabled(FALSE) (what imgrid's worker does on libvips < 8.15)
 *           env = leave libvips' own choice (VIPS_NOVECTOR=1 turns vectors off)
 *   SOURCE: a JPEG to load; default a generated sRGB JPEG of ORCRACE_SIZE (WIDTHxHEIGHT, default
 *           480x360: small, so jobs are short and orc programs are compiled and freed often).
 * Stops after SECONDS or MAX_JOBS jobs in all, whichever is first. Prints a progress line on
 * stderr every second and one result line on stdout:
 *   result=survived jobs=N seconds=S threads=T vector=on enabled=1 vector_paths=N libvips=8.14.1
 * vector_paths counts libvips' "using vector path" messages (reducev/convi/morph), so a run shows
 * whether the orc paths were really taken. A crash ends the process by a signal instead (glibc's
 * "malloc_consolidate(): ..." abort is SIGABRT).
 */
#include <vips/vips.h>
#include <vips/vector.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void *src;
static size_t src_len;
static double stop_at;
static gint max_jobs;
static gint jobs_started;
static gint jobs_done;
static gint vector_paths;

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what) {
    fprintf(stderr, "orcrace: %s: %s\n", what, vips_error_buffer());
    exit(2);
}

/* Counts libvips' g_info("...: using vector path"); other messages go to the default handler. */
static void on_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    if (level & G_LOG_LEVEL_INFO) {
        if (strstr(message, "using vector path")) g_atomic_int_inc(&vector_paths);
        return;
    }
    g_log_default_handler(domain, level, message, data);
}

static void make_source(int width, int height) {
    VipsImage *noise, *rgb, *u8, *s;
    /* noise in three bands, as uchar sRGB: a JPEG that decodes to uchar, as photos do */
    if (vips_gaussnoise(&noise, width, height, "mean", 128.0, "sigma", 40.0, NULL))
        die("gaussnoise");
    if (vips_bandjoin_const1(noise, &rgb, 96.0, NULL)) die("bandjoin");
    if (vips_bandjoin_const1(rgb, &s, 160.0, NULL)) die("bandjoin");
    if (vips_cast_uchar(s, &u8, NULL)) die("cast");
    u8->Type = VIPS_INTERPRETATION_sRGB;
    if (vips_jpegsave_buffer(u8, &src, &src_len, "Q", 90, NULL)) die("jpegsave");
    g_object_unref(u8);
    g_object_unref(s);
    g_object_unref(rgb);
    g_object_unref(noise);
}

/* One job; every image is held until the end and unreffed newest first, as VipsScope does. */
static void job(unsigned *seed) {
    VipsImage *im[6] = {0};
    int n = 0, kind = rand_r(seed) % 4;
    double scale = 0.15 + (rand_r(seed) % 700) / 1000.0; /* 0.15..0.85: programs of many sizes */
    void *out = NULL;
    size_t out_len = 0;

    if (vips_jpegload_buffer(src, src_len, &im[n], "access", VIPS_ACCESS_RANDOM,
                             "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL)) die("jpegload_buffer");
    n++;
    if (vips_resize(im[n - 1], &im[n], scale, "kernel", VIPS_KERNEL_LANCZOS3, NULL)) die("resize");
    n++;
    if (kind == 1 || kind == 3) {
        if (vips_gaussblur(im[n - 1], &im[n], 0.5 + (rand_r(seed) % 250) / 100.0, NULL))
            die("gaussblur");
        n++;
    }
    if (kind == 2 || kind == 3) {
        if (vips_sharpen(im[n - 1], &im[n], "sigma", 0.5 + (rand_r(seed) % 100) / 100.0, NULL))
            die("sharpen");
        n++;
    }
    if (vips_jpegsave_buffer(im[n - 1], &out, &out_len, "Q", 80, NULL)) die("jpegsave_buffer");
    g_free(out);
    while (n > 0) g_object_unref(im[--n]);
    vips_thread_shutdown();
}

static gpointer worker(gpointer data) {
    unsigned seed = GPOINTER_TO_UINT(data) * 2654435761u;
    while (now_s() < stop_at && g_atomic_int_add(&jobs_started, 1) < max_jobs) {
        job(&seed);
        g_atomic_int_inc(&jobs_done);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: orcrace THREADS SECONDS MAX_JOBS on|off|env [SOURCE.jpg]\n");
        return 2;
    }
    int threads = atoi(argv[1]);
    double seconds = atof(argv[2]);
    max_jobs = atoi(argv[3]);
    const char *vector = argv[4];
    if (threads < 1 || threads > 64 || seconds <= 0 || max_jobs < 1) {
        fprintf(stderr, "orcrace: bad THREADS, SECONDS or MAX_JOBS\n");
        return 2;
    }
    if (VIPS_INIT(argv[0])) die("vips_init");
    g_log_set_handler("VIPS", G_LOG_LEVEL_MASK, on_log, NULL);
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_cache_set_max_files(0);
    vips_concurrency_set(1);
    if (!strcmp(vector, "on")) vips_vector_set_enabled(TRUE);
    else if (!strcmp(vector, "off")) vips_vector_set_enabled(FALSE);
    else if (strcmp(vector, "env")) { fprintf(stderr, "orcrace: VECTOR is on, off or env\n"); return 2; }

    if (argc > 5) {
        gsize len;
        gchar *bytes;
        if (!g_file_get_contents(argv[5], &bytes, &len, NULL)) die(argv[5]);
        src = bytes;
        src_len = len;
    } else {
        const char *size = g_getenv("ORCRACE_SIZE");
        int w = 480, h = 360;
        if (size && (sscanf(size, "%dx%d", &w, &h) != 2 || w < 8 || h < 8)) {
            fprintf(stderr, "orcrace: ORCRACE_SIZE is WIDTHxHEIGHT, at least 8x8\n");
            return 2;
        }
        make_source(w, h);
    }

    double start = now_s();
    stop_at = start + seconds;
    GThread **pool = g_new(GThread *, threads);
    for (int i = 0; i < threads; i++)
        pool[i] = g_thread_new("orcrace", worker, GUINT_TO_POINTER(i + 1));
    int last = -1;
    while (now_s() < stop_at && g_atomic_int_get(&jobs_done) < max_jobs) {
        g_usleep(G_USEC_PER_SEC / 4);
        int s = (int) (now_s() - start);
        if (s != last) {
            last = s;
            fprintf(stderr, "progress t=%d jobs=%d vector_paths=%d\n", s,
                    g_atomic_int_get(&jobs_done), g_atomic_int_get(&vector_paths));
        }
    }
    for (int i = 0; i < threads; i++) g_thread_join(pool[i]);
    printf("result=survived jobs=%d seconds=%.1f threads=%d vector=%s enabled=%d vector_paths=%d "
           "libvips=%s\n", g_atomic_int_get(&jobs_done), now_s() - start, threads, vector,
           vips_vector_isenabled(), g_atomic_int_get(&vector_paths), vips_version_string());
    return 0;
}
