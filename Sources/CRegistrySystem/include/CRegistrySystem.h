#ifndef CREGISTRYSYSTEM_H
#define CREGISTRYSYSTEM_H
/* Linux calls Swift's Glibc module does not expose (they need _GNU_SOURCE). */

/* Flushes the whole filesystem holding fd: one sync for a batch of files instead of one fsync each. */
int cregistry_syncfs(int fd);

#include <stddef.h>

/* memmem(3): the offset of the first occurrence of needle in haystack, or -1. */
long cregistry_find(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

/* Names the calling thread (pthread_setname_np; Linux keeps the first 15 bytes), for ps, top and perf. */
void cregistry_name_thread(const char *name);

#endif
