// SPDX-License-Identifier: GPL-2.0
/*
 * hotcold: a tiering workload.  Allocates a hot set and cold data, places
 * each on a chosen NUMA node, then keeps touching the hot set (and never
 * the cold data) until killed or --seconds elapse.  With --report, a
 * second thread prints once a second where the two sets currently are, read
 * from the kernel with move_pages(2) without target nodes, and the passes
 * over the hot set made so far.  The passes go on while a report is made:
 * on a debug kernel a report takes seconds, and a hot set left alone that
 * long would look cold.  A report that takes long is followed by three
 * times its duration without one, so that reporting leaves the CPU to the
 * kernel threads being measured.
 *
 *   hotcold [--hot MIB] [--cold MIB] [--hot-node N] [--cold-node N]
 *           [--seconds S] [--report] [--fast-node N] [--thp]
 *
 * The memory is in base pages unless --thp asks for transparent huge pages.
 *
 * After each pass over the hot set the workload makes the CPU drop its TLB
 * (see flush_tlb()), as a real CPU's few thousand TLB entries would have
 * done many times over during the pass.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MPOL_DEFAULT	0
#define MPOL_BIND	2
#define MAX_NODES	64

#define FLUSH_PAGES	64

static volatile sig_atomic_t stop;
static volatile unsigned long passes;
static long page_size;
static int thp_advice = MADV_NOHUGEPAGE;
static char *flush_area;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int bind_to(int node)
{
	unsigned long mask = 1UL << node;

	return syscall(SYS_set_mempolicy, node < 0 ? MPOL_DEFAULT : MPOL_BIND,
		       node < 0 ? NULL : &mask, node < 0 ? 0 : MAX_NODES + 1);
}

/*
 * Access checks clear a page table entry's Accessed bit without flushing
 * the TLB, relying on the TLB being small: the next access after the
 * entry is evicted walks the page table and sets the bit again.  QEMU's
 * software TLB grows to millions of entries, so under TCG a hot set that
 * fits keeps its translations cached and looks idle.  Populating and
 * zapping more pages than the kernel flushes one by one (33 on x86) makes
 * the kernel flush this CPU's whole TLB.
 */
static void flush_tlb(void)
{
	for (int i = 0; i < FLUSH_PAGES; i++)
		flush_area[i * page_size] = 1;
	madvise(flush_area, FLUSH_PAGES * page_size, MADV_DONTNEED);
}

/* Allocate and populate @mib MiB on @node (-1: anywhere). */
static char *alloc_on(size_t mib, int node)
{
	size_t len = mib << 20;
	char *p;

	if (!len)
		return NULL;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	madvise(p, len, thp_advice);
	if (node >= 0 && bind_to(node)) {
		perror("set_mempolicy");
		exit(1);
	}
	for (size_t off = 0; off < len; off += page_size)
		p[off] = 1;
	bind_to(-1);
	return p;
}

/* Count the pages of [p, p + mib MiB) that are on @node, and in total. */
static void where(char *p, size_t mib, int node, long *on_node, long *total)
{
	enum { BATCH = 4096 };
	static void *pages[BATCH];
	static int status[BATCH];
	size_t n = (mib << 20) / page_size;

	*on_node = *total = 0;
	for (size_t i = 0; i < n; i += BATCH) {
		size_t cnt = n - i < BATCH ? n - i : BATCH;

		for (size_t j = 0; j < cnt; j++)
			pages[j] = p + (i + j) * page_size;
		if (syscall(SYS_move_pages, 0, cnt, pages, NULL, status, 0))
			continue;
		for (size_t j = 0; j < cnt; j++) {
			if (status[j] < 0)
				continue;
			(*total)++;
			if (status[j] == node)
				(*on_node)++;
		}
	}
}

struct reporter {
	char *hot, *cold;
	size_t hot_mib, cold_mib;
	int fast_node;
	double start;
};

/* Print where the hot set and the cold data are, about once a second. */
static void *report_loop(void *arg)
{
	struct reporter *r = arg;
	double next = r->start, begin, took;
	long hf, ht, cf, ct;

	while (!stop) {
		while (!stop && now() < next)
			usleep(10000);
		begin = now();
		where(r->hot, r->hot_mib, r->fast_node, &hf, &ht);
		where(r->cold, r->cold_mib, r->fast_node, &cf, &ct);
		/* the time the placement was read at, not the time it is printed */
		printf("t=%.0f hot_in_fast=%ld/%ld cold_in_fast=%ld/%ld passes=%lu\n",
		       begin - r->start, hf, ht, cf, ct, passes);
		fflush(stdout);
		took = now() - begin;
		next += 1;
		if (next < now() + 3 * took)
			next = now() + 3 * took;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "hot", required_argument, NULL, 'h' },
		{ "cold", required_argument, NULL, 'c' },
		{ "hot-node", required_argument, NULL, 'H' },
		{ "cold-node", required_argument, NULL, 'C' },
		{ "fast-node", required_argument, NULL, 'f' },
		{ "seconds", required_argument, NULL, 's' },
		{ "report", no_argument, NULL, 'r' },
		{ "thp", no_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	size_t hot = 64, cold = 0;
	int hot_node = -1, cold_node = -1, fast_node = 0, report = 0, opt;
	double seconds = 0, start;
	struct reporter r;
	pthread_t reporter;
	char *h, *c;

	page_size = sysconf(_SC_PAGESIZE);
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'h': hot = strtoul(optarg, NULL, 0); break;
		case 'c': cold = strtoul(optarg, NULL, 0); break;
		case 'H': hot_node = atoi(optarg); break;
		case 'C': cold_node = atoi(optarg); break;
		case 'f': fast_node = atoi(optarg); break;
		case 's': seconds = atof(optarg); break;
		case 'r': report = 1; break;
		case 't': thp_advice = MADV_HUGEPAGE; break;
		default:
			fprintf(stderr, "usage: see the comment at the top of %s\n", __FILE__);
			return 2;
		}
	}
	if (!hot) {
		fprintf(stderr, "--hot must be at least 1 MiB\n");
		return 2;
	}
	flush_area = mmap(NULL, FLUSH_PAGES * page_size, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (flush_area == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	c = alloc_on(cold, cold_node);
	h = alloc_on(hot, hot_node);
	printf("hotcold: pid %d, hot %zu MiB at %p (node %d), cold %zu MiB at %p (node %d)\n",
	       getpid(), hot, (void *)h, hot_node, cold, (void *)c, cold_node);
	fflush(stdout);

	start = now();
	r = (struct reporter){ h, c, hot, cold, fast_node, start };
	if (report && pthread_create(&reporter, NULL, report_loop, &r)) {
		fprintf(stderr, "pthread_create failed\n");
		return 1;
	}
	while (!stop && (!seconds || now() - start < seconds)) {
		for (size_t off = 0; off < hot << 20; off += page_size)
			h[off]++;
		flush_tlb();
		passes++;
	}
	stop = 1;
	if (report)
		pthread_join(reporter, NULL);
	return 0;
}
