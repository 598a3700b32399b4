#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>
#include "CRegistrySystem.h"

int cregistry_syncfs(int fd) {
#ifdef __linux__
    return syncfs(fd);
#else
    (void)fd;
    sync();
    return 0;
#endif
}

long cregistry_find(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    const char *hit = memmem(haystack, haystack_length, needle, needle_length);
    return hit ? (long)(hit - (const char *)haystack) : -1;
}
