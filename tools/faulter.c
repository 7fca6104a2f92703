// SPDX-License-Identifier: GPL-2.0
/*
 * faulter: a page-fault workload for the perf event sampling scenarios.  Maps
 * two anonymous ranges of MIB MiB each, prints their addresses, then keeps
 * faulting in the first ("touched") range, dropping its pages with
 * MADV_DONTNEED after each pass, and never touches the second ("untouched")
 * one, until killed or SECONDS elapse.  The touched range is an mmap()
 * area and the untouched one is on the heap (sbrk()), so that the big gap
 * between the two, which DAMON's virtual address operations leave out of
 * the monitoring regions, keeps any region from spanning both.
 *
 * With THREADS, that many threads share the passes, each over its own slice
 * of the touched range; with PAUSE_US, each thread sleeps that long after
 * each of its passes.  With SPARSE_MIB, the first thread also faults in one
 * page of every SPARSE_STRIDE pages of a third, "sparse", range of that size
 * in each pass, and drops them likewise.
 *
 *   faulter MIB SECONDS [THREADS [PAUSE_US [SPARSE_MIB]]]
 *
 * Output, one line, then nothing:
 * "touched=START-END untouched=START-END [sparse=START-END ]pid=P"
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define SPARSE_STRIDE	64

static char *touched, *sparse;
static size_t slice, sparse_sz;
static double end;
static useconds_t pause_us;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *map(size_t sz)
{
	char *p = mmap(NULL, sz, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	madvise(p, sz, MADV_NOHUGEPAGE);
	return p;
}

/* Fault in slice number (long)arg of the touched range until the end. */
static void *fault(void *arg)
{
	char *start = touched + (long)arg * slice;
	size_t off, page = sysconf(_SC_PAGESIZE);

	while (now() < end) {
		for (off = 0; off < slice; off += page)
			start[off] = 1;
		madvise(start, slice, MADV_DONTNEED);
		if (sparse && !arg) {
			for (off = 0; off < sparse_sz; off += SPARSE_STRIDE * page)
				sparse[off] = 1;
			madvise(sparse, sparse_sz, MADV_DONTNEED);
		}
		if (pause_us)
			usleep(pause_us);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	size_t sz, page = sysconf(_SC_PAGESIZE);
	long i, nr_threads = 1;
	pthread_t *threads;
	char *untouched;

	if (argc < 3 || argc > 6) {
		fprintf(stderr, "usage: %s MIB SECONDS [THREADS [PAUSE_US [SPARSE_MIB]]]\n",
			argv[0]);
		return 2;
	}
	sz = strtoul(argv[1], NULL, 0) << 20;
	end = now() + strtod(argv[2], NULL);
	if (argc > 3)
		nr_threads = strtol(argv[3], NULL, 0);
	if (argc > 4)
		pause_us = strtoul(argv[4], NULL, 0);
	if (argc > 5)
		sparse_sz = strtoul(argv[5], NULL, 0) << 20;
	if (nr_threads < 1 || sz / nr_threads < page) {
		fprintf(stderr, "bad THREADS\n");
		return 2;
	}
	slice = sz / nr_threads / page * page;
	touched = map(sz);
	if (sparse_sz)
		sparse = map(sparse_sz);
	untouched = sbrk(sz);
	if (untouched == (void *)-1) {
		perror("sbrk");
		return 1;
	}
	printf("touched=%lu-%lu untouched=%lu-%lu ",
	       (unsigned long)touched, (unsigned long)(touched + sz),
	       (unsigned long)untouched, (unsigned long)(untouched + sz));
	if (sparse)
		printf("sparse=%lu-%lu ", (unsigned long)sparse,
		       (unsigned long)(sparse + sparse_sz));
	printf("pid=%d\n", getpid());
	fflush(stdout);
	threads = calloc(nr_threads, sizeof(*threads));
	if (!threads)
		return 1;
	for (i = 1; i < nr_threads; i++) {
		if (pthread_create(&threads[i], NULL, fault, (void *)i)) {
			fprintf(stderr, "pthread_create failed\n");
			return 1;
		}
	}
	fault((void *)0);
	for (i = 1; i < nr_threads; i++)
		pthread_join(threads[i], NULL);
	return 0;
}
