// SPDX-License-Identifier: GPL-2.0
/*
 * faulter: a page-fault workload for the perf event sampling scenario.  Maps
 * two anonymous ranges of MIB MiB each, prints their addresses, then keeps
 * faulting in the first ("touched") range, dropping its pages with
 * MADV_DONTNEED after each pass, and never touches the second ("untouched")
 * one, until killed or SECONDS elapse.  The touched range is an mmap()
 * area and the untouched one is on the heap (sbrk()), so that the big gap
 * between the two, which DAMON's virtual address operations leave out of
 * the monitoring regions, keeps any region from spanning both.
 *
 *   faulter MIB SECONDS
 *
 * Output, one line, then nothing: "touched=START-END untouched=START-END pid=P"
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

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

int main(int argc, char **argv)
{
	size_t sz, off, page = sysconf(_SC_PAGESIZE);
	double end;
	char *touched, *untouched;

	if (argc != 3) {
		fprintf(stderr, "usage: %s MIB SECONDS\n", argv[0]);
		return 2;
	}
	sz = strtoul(argv[1], NULL, 0) << 20;
	end = now() + strtod(argv[2], NULL);
	touched = map(sz);
	untouched = sbrk(sz);
	if (untouched == (void *)-1) {
		perror("sbrk");
		return 1;
	}
	printf("touched=%lu-%lu untouched=%lu-%lu pid=%d\n",
	       (unsigned long)touched, (unsigned long)(touched + sz),
	       (unsigned long)untouched, (unsigned long)(untouched + sz),
	       getpid());
	fflush(stdout);
	while (now() < end) {
		for (off = 0; off < sz; off += page)
			touched[off] = 1;
		madvise(touched, sz, MADV_DONTNEED);
	}
	return 0;
}
