/* vipsloop: imgrid's libvips call sequence for one job, in C, looped over an in-memory source.
 *
 * The C counterpart of bench/src/io/imgrid/bench/WorkerBench.java: the same libvips operations
 * with the same parameters that io.imgrid.worker.ImageProcessor issues for a JPEG source and a
 * fill/fit resize (checked against `WorkerBench --trace`, libvips' operation trace of one job):
 *
 *   vips_blob_copy    the source into a blob the job owns         (VipsScope.blob, VipsBlob)
 *   jpegload_buffer   shrink = imgproxy's JPEG shrink (8/4/2/1 from 1/scale), access=random,
 *                     fail_on=truncated                          (ImageProcessor.load, VipsLoad)
 *   icc_transform     to "srgb", intent relative, embedded       (ColorspaceToProcessing: the
 *                                                                 source has an ICC profile,
 *                                                                 strip_color_profile is on and
 *                                                                 it is not the standard sRGB
 *                                                                 IEC61966-2.1 profile)
 *   resize            lanczos3, hscale/vscale to the exact scaled size      (Scale, Images)
 *   extract/embed     when libvips rounded a side off            (Images.exactSize)
 *   copy + set orientation=1                                     (RotateAndFlip)
 *   extract_area      centre crop to the box when larger (fill)  (CropToResult)
 *   copy - icc-profile-data                                      (ColorspaceToResult)
 *   copy - every field strip_metadata removes, when keep_copyright keeps EXIF Copyright/Artist
 *          or an XMP packet; set xmp-data to the minimal packet  (StripMetadata; the packet is
 *                                                                 built in Java, so the C loop
 *                                                                 takes imgrid's, see
 *                                                                 VIPSLOOP_XMP_FROM)
 *   jpegsave_buffer Q, optimize_coding, interlace=false | webpsave_buffer Q, effort, preset |
 *   heifsave_buffer Q, AV1, effort, bitdepth 8; strip when nothing is kept  (Encoder, VipsSave)
 *   vips_thread_shutdown                                         (ImageProcessor.process)
 *
 * Init as io.imgrid.worker.vips.Vips.init: operation cache off, vips_concurrency_set(1), and
 * vector paths as IMGRID_LIBVIPS_VECTOR says (auto: off below libvips 8.15, where they are orc's;
 * true: on; false: off), so both sides of bench/worker.sh run the same code paths.
 * MODE thumbnail instead runs the kit's vips_thumbnail_buffer + save(strip) for reference.
 *
 * usage: vipsloop FILE OP BATCH REPS WARMUP [MODE]
 *   OP: jpeg400 (fill 400x300 JPEG Q80) | webp1200 (fit 1200 wide WebP Q79 effort 4) |
 *       avif400 (fill 400x300 AVIF Q63 effort 1 = imgproxy speed 8); MODE: imgrid | thumbnail
 * VIPSLOOP_KEEP_THREAD=1: skip the per-job vips_thread_shutdown (what-if).
 * VIPSLOOP_NOCOPY=1: skip the blob copy (load from the one source buffer, as the kit does).
 * VIPSLOOP_ACCESS=sequential: load with sequential access instead (a what-if for imgrid).
 * VIPSLOOP_XMP_FROM=FILE: the minimal XMP packet imgrid keeps for this source (keep_copyright,
 *   built by io.imgrid.worker.metadata.CopyrightXmp), read once from the xmp-data of an image imgrid
 *   wrote (none when that image has no XMP); each job then sets it on the image and saves without
 *   strip, as imgrid does.
 * VIPSLOOP_TRACE=1: print libvips' operation trace of one job instead.
 * VIPSLOOP_VECTOR_AB=1: the cost of vector paths off instead, paired in one process (vector_ab).
 * Output: one key=value line; cpu_ms_median = median over REPS of (process CPU of a batch)/BATCH.
 */
#include <vips/vips.h>
#include <vips/vector.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *src;
static size_t src_len;
static int src_w, src_h;
static const char *op;
static int thumbnail_mode;
static int keep_thread; /* VIPSLOOP_KEEP_THREAD=1: skip the per-job vips_thread_shutdown */
static int nocopy; /* VIPSLOOP_NOCOPY=1: load from the source buffer without imgrid's blob copy */
static VipsAccess load_access = VIPS_ACCESS_RANDOM; /* VIPSLOOP_ACCESS=sequential: what-if */
static int box_w, box_h, fill, quality, effort;
static size_t last_len;
static const char *out_path; /* VIPSLOOP_OUT: where a traced job writes its result */
static int last_w, last_h;
static void *kept_xmp; /* VIPSLOOP_XMP_FROM: the packet imgrid's keep_copyright keeps */
static size_t kept_xmp_len;

static double clock_s(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double busy_s(void) { /* whole machine, /proc/stat: user nice system irq softirq */
    unsigned long long u = 0, n = 0, s = 0, id = 0, io = 0, irq = 0, si = 0;
    FILE *f = fopen("/proc/stat", "r");
    if (!f) return 0;
    if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu", &u, &n, &s, &id, &io, &irq, &si) != 7) u = 0;
    fclose(f);
    return (u + n + s + irq + si) / 100.0;
}

static void die(const char *what) {
    fprintf(stderr, "vipsloop: %s: %s\n", what, vips_error_buffer());
    exit(1);
}

/* imgproxy's calcJpegShink */
static int jpeg_shrink(double scale) {
    int s = (int)(1.0 / scale);
    return s >= 8 ? 8 : s >= 4 ? 4 : s >= 2 ? 2 : 1;
}

/* SrgbProfile.isIec61966: HP's sRGB IEC61966-2.1 profile, recognised by its header fields */
static int is_srgb_iec61966(VipsImage *im) {
    static const unsigned char version[] = {2, 0x10, 0, 0};
    static const unsigned char date[] = {0x07, 0xCE, 0, 2, 0, 9};
    const void *data; size_t len;
    if (vips_image_get_blob(im, VIPS_META_ICC_NAME, &data, &len) || len < 128) return 0;
    const unsigned char *p = data;
    return !memcmp(p + 8, version, 4) && !memcmp(p + 24, date, 6) && !memcmp(p + 48, "IEC ", 4)
        && !memcmp(p + 52, "sRGB", 4) && !memcmp(p + 80, "HP  ", 4);
}

/* StripMetadata.removable with icc=false, copyright=true */
static int removable(const char *f) {
    if (!strcmp(f, "icc-profile-data")) return 1;
    if (!strcmp(f, "exif-data")) return 0; /* libvips drops the tags whose fields are gone */
    if (!strncmp(f, "exif-", 5))
        return strcmp(f, "exif-ifd0-Copyright") && strcmp(f, "exif-ifd0-Artist");
    return !strcmp(f, "xmp-data") || !strcmp(f, "iptc-data") || !strncmp(f, "png-comment", 11) ||
           !strncmp(f, "gif-comment", 11) || !strncmp(f, "jpeg-thumbnail", 14);
}

/* Holds every image of one job; unreffed at the end, as imgrid's VipsScope does. */
#define MAXI 16
static VipsImage *held[MAXI];
static int nheld;
static VipsImage *hold(VipsImage *im) { held[nheld++] = im; return im; }

static void save(VipsImage *in, void **buf, size_t *len, int strip) {
    int r;
    if (!strcmp(op, "jpeg400"))
        r = vips_jpegsave_buffer(in, buf, len, "Q", quality, "optimize_coding", TRUE,
                                 "interlace", FALSE, strip ? "strip" : NULL, TRUE, NULL);
    else if (!strcmp(op, "webp1200"))
        r = vips_webpsave_buffer(in, buf, len, "Q", quality, "effort", effort,
                                 "preset", VIPS_FOREIGN_WEBP_PRESET_DEFAULT,
                                 strip ? "strip" : NULL, TRUE, NULL);
    else
        r = vips_heifsave_buffer(in, buf, len, "Q", quality,
                                 "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1,
                                 "effort", effort, "bitdepth", 8, strip ? "strip" : NULL, TRUE, NULL);
    if (r) die("save");
}

static void one_imgrid(void) {
    VipsImage *t;
    void *buf = NULL;
    size_t len = 0;
    double sx = (double)box_w / src_w, sy = box_h ? (double)box_h / src_h : sx;
    double scale = fill ? fmax(sx, sy) : (box_h ? fmin(sx, sy) : sx);
    int sw = (int)lround(src_w * scale), sh = (int)lround(src_h * scale);
    int shrink = jpeg_shrink(scale);
    nheld = 0;

    /* VipsScope.blob: imgrid copies the source into a libvips-owned blob for every job */
    VipsBlob *blob = nocopy ? NULL : vips_blob_copy(src, src_len);
    size_t blob_len;
    const void *data = blob ? vips_blob_get(blob, &blob_len) : src;
    if (vips_jpegload_buffer((void *)data, src_len, &t, "shrink", shrink, "access", load_access,
                             "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL)) die("jpegload_buffer");
    VipsImage *im = hold(t);
    if (vips_image_get_typeof(im, VIPS_META_ICC_NAME) && !is_srgb_iec61966(im)) {
        if (vips_icc_transform(im, &t, "srgb", "intent", VIPS_INTENT_RELATIVE, "embedded", TRUE, NULL))
            die("icc_transform");
        im = hold(t);
    }
    if (im->Xsize != sw || im->Ysize != sh) {
        if (vips_resize(im, &t, (double)sw / im->Xsize, "vscale", (double)sh / im->Ysize,
                        "kernel", VIPS_KERNEL_LANCZOS3, NULL)) die("resize");
        im = hold(t);
        if (im->Xsize != sw || im->Ysize != sh) { /* Images.exactSize */
            if (im->Xsize >= sw && im->Ysize >= sh) {
                if (vips_extract_area(im, &t, 0, 0, sw, sh, NULL)) die("extract_area");
            } else if (vips_embed(im, &t, 0, 0, sw, sh, "extend", VIPS_EXTEND_COPY, NULL)) die("embed");
            im = hold(t);
        }
    }
    if (vips_image_get_typeof(im, VIPS_META_ORIENTATION)) { /* RotateAndFlip */
        if (vips_copy(im, &t, NULL)) die("copy");
        im = hold(t);
        vips_image_set_int(im, VIPS_META_ORIENTATION, 1);
    }
    int cw = box_w < im->Xsize ? box_w : im->Xsize, ch = box_h && box_h < im->Ysize ? box_h : im->Ysize;
    if (cw < im->Xsize || ch < im->Ysize) { /* CropToResult, centre gravity */
        if (vips_extract_area(im, &t, (im->Xsize - cw + 1) / 2, (im->Ysize - ch + 1) / 2, cw, ch, NULL))
            die("extract_area");
        im = hold(t);
    }
    if (vips_image_get_typeof(im, VIPS_META_ICC_NAME)) { /* ColorspaceToResult */
        if (vips_copy(im, &t, NULL)) die("copy");
        im = hold(t);
        vips_image_remove(im, VIPS_META_ICC_NAME);
    }
    int copyright = vips_image_get_typeof(im, "exif-ifd0-Copyright") ||
                    vips_image_get_typeof(im, "exif-ifd0-Artist") ||
                    (kept_xmp && vips_image_get_typeof(im, VIPS_META_XMP_NAME));
    if (copyright) { /* StripMetadata with keep_copyright */
        if (vips_copy(im, &t, NULL)) die("copy");
        im = hold(t);
        gchar **fields = vips_image_get_fields(im);
        for (int i = 0; fields[i]; i++)
            if (removable(fields[i])) vips_image_remove(im, fields[i]);
        g_strfreev(fields);
        if (kept_xmp) vips_image_set_blob_copy(im, VIPS_META_XMP_NAME, kept_xmp, kept_xmp_len);
    }
    save(im, &buf, &len, !copyright);
    last_len = len;
    last_w = im->Xsize;
    last_h = im->Ysize;
    if (out_path) g_file_set_contents(out_path, buf, len, NULL);
    g_free(buf);
    for (int i = nheld - 1; i >= 0; i--) g_object_unref(held[i]);
    if (blob) vips_area_unref(VIPS_AREA(blob));
    if (!keep_thread) vips_thread_shutdown(); /* ImageProcessor.process ends every job with it */
}

static void one_thumbnail(void) { /* the kit's vipsbench.c */
    VipsImage *t;
    void *buf = NULL;
    size_t len = 0;
    int r = fill ? vips_thumbnail_buffer(src, src_len, &t, box_w, "height", box_h,
                                         "crop", VIPS_INTERESTING_CENTRE, NULL)
                 : vips_thumbnail_buffer(src, src_len, &t, box_w, "height", 10000000,
                                         "size", VIPS_SIZE_DOWN, NULL);
    if (r) die("thumbnail_buffer");
    save(t, &buf, &len, 1);
    last_len = len;
    last_w = t->Xsize;
    last_h = t->Ysize;
    g_free(buf);
    g_object_unref(t);
}

static int cmpd(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median_of(double *v, int n) {
    qsort(v, n, sizeof(double), cmpd);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* VIPSLOOP_VECTOR_AB=1: the cost of vector paths off, paired in one process: each rep runs one
 * batch with vectors on and one with them off (the order alternates), and the ratio is the median
 * of the REPS ratios off/on. Prints one line: vector_ab ... ratio_off_on_median=R */
static int vector_ab(void (*one)(void), int batch, int reps, int warmup) {
    double *on = calloc(reps, sizeof(double)), *off = calloc(reps, sizeof(double));
    double *ratio = calloc(reps, sizeof(double));
    for (int k = 0; k < 2; k++) {
        vips_vector_set_enabled(k == 0);
        for (int i = 0; i < warmup; i++) one();
    }
    for (int r = 0; r < reps; r++) {
        for (int k = 0; k < 2; k++) {
            int enabled = (r + k) % 2 == 0;
            vips_vector_set_enabled(enabled);
            double c = clock_s(CLOCK_PROCESS_CPUTIME_ID);
            for (int i = 0; i < batch; i++) one();
            (enabled ? on : off)[r] = (clock_s(CLOCK_PROCESS_CPUTIME_ID) - c) * 1000 / batch;
        }
        ratio[r] = off[r] / on[r];
    }
    printf("vector_ab libvips=%d.%d.%d op=%s n=%dx%d cpu_ms_on_median=%.2f cpu_ms_off_median=%.2f "
           "ratio_off_on_median=%.3f\n", vips_version(0), vips_version(1), vips_version(2), op, reps,
           batch, median_of(on, reps), median_of(off, reps), median_of(ratio, reps));
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: %s FILE OP BATCH REPS WARMUP [imgrid|thumbnail]\n", argv[0]);
        return 64;
    }
    if (vips_init(argv[0])) die("vips_init");
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_cache_set_max_files(0);
    vips_concurrency_set(1);
    const char *vector = getenv("IMGRID_LIBVIPS_VECTOR");
    if (vector && (!g_ascii_strcasecmp(vector, "true") || !strcmp(vector, "1")))
        vips_vector_set_enabled(TRUE);
    else if (vector && (!g_ascii_strcasecmp(vector, "false") || !strcmp(vector, "0")))
        vips_vector_set_enabled(FALSE);
    else if (vips_version(0) == 8 && vips_version(1) < 15) /* auto, as the worker */
        vips_vector_set_enabled(FALSE);
    op = argv[2];
    int batch = atoi(argv[3]), reps = atoi(argv[4]), warmup = atoi(argv[5]);
    nocopy = getenv("VIPSLOOP_NOCOPY") != NULL;
    keep_thread = getenv("VIPSLOOP_KEEP_THREAD") != NULL;
    if (getenv("VIPSLOOP_ACCESS") && !strcmp(getenv("VIPSLOOP_ACCESS"), "sequential"))
        load_access = VIPS_ACCESS_SEQUENTIAL;
    thumbnail_mode = argc > 6 && !strcmp(argv[6], "thumbnail");
    if (!strcmp(op, "jpeg400")) { box_w = 400; box_h = 300; fill = 1; quality = 80; }
    else if (!strcmp(op, "webp1200")) { box_w = 1200; box_h = 0; fill = 0; quality = 79; effort = 4; }
    else if (!strcmp(op, "avif400")) { box_w = 400; box_h = 300; fill = 1; quality = 63; effort = 1; }
    else { fprintf(stderr, "unknown op %s\n", op); return 64; }

    gsize len;
    GError *err = NULL;
    if (!g_file_get_contents(argv[1], &src, &len, &err)) { fprintf(stderr, "%s\n", err->message); return 66; }
    src_len = len;
    VipsImage *header; /* imgrid takes the size from its Java header guard, outside libvips */
    if (vips_jpegload_buffer(src, src_len, &header, NULL)) die("header");
    src_w = header->Xsize;
    src_h = header->Ysize;
    g_object_unref(header);

    if (getenv("VIPSLOOP_XMP_FROM")) {
        VipsImage *from = vips_image_new_from_file(getenv("VIPSLOOP_XMP_FROM"), NULL);
        const void *data;
        if (!from) die("VIPSLOOP_XMP_FROM");
        if (!vips_image_get_blob(from, VIPS_META_XMP_NAME, &data, &kept_xmp_len)) {
            kept_xmp = g_malloc(kept_xmp_len); /* none when imgrid kept no packet */
            memcpy(kept_xmp, data, kept_xmp_len);
        }
        g_object_unref(from);
    }
    void (*one)(void) = thumbnail_mode ? one_thumbnail : one_imgrid;
    if (getenv("VIPSLOOP_TRACE")) { /* libvips' operation trace of one job, to diff with WorkerBench --trace */
        out_path = getenv("VIPSLOOP_OUT");
        vips_cache_set_trace(TRUE);
        one();
        vips_cache_set_trace(FALSE);
        printf("-> %dx%d %zu bytes\n", last_w, last_h, last_len);
        return 0;
    }
    if (getenv("VIPSLOOP_VECTOR_AB")) return vector_ab(one, batch, reps, warmup);
    for (int i = 0; i < warmup; i++) one();
    double *ms = calloc(reps, sizeof(double));
    double b0 = busy_s(), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID), w0 = clock_s(CLOCK_MONOTONIC);
    for (int r = 0; r < reps; r++) {
        double c = clock_s(CLOCK_PROCESS_CPUTIME_ID);
        for (int i = 0; i < batch; i++) one();
        ms[r] = (clock_s(CLOCK_PROCESS_CPUTIME_ID) - c) * 1000 / batch;
    }
    double wall = clock_s(CLOCK_MONOTONIC) - w0, cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
    double others = (busy_s() - b0 - cpu) / wall;
    char each[1024] = "";
    for (int r = 0; r < reps && strlen(each) < 1000; r++)
        snprintf(each + strlen(each), sizeof each - strlen(each), "%s%.2f", r ? "," : "", ms[r]);
    qsort(ms, reps, sizeof(double), cmpd);
    double med = reps % 2 ? ms[reps / 2] : (ms[reps / 2 - 1] + ms[reps / 2]) / 2;
    printf("impl=c-%s libvips=%d.%d.%d vectors=%d op=%s n=%dx%d cpu_ms_median=%.2f cpu_ms_reps=%s "
           "wall_ms_per_img=%.2f out=%dx%d:%zu others_cores=%.2f\n",
           thumbnail_mode ? "thumbnail" : "imgrid", vips_version(0), vips_version(1), vips_version(2),
           vips_vector_isenabled(), op, reps, batch, med, each, wall * 1000 / ((double)reps * batch), last_w, last_h, last_len,
           others < 0 ? 0 : others);
    vips_shutdown();
    return 0;
}
