#define _GNU_SOURCE
#include <pthread.h>
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

void cregistry_name_thread(const char *name) {
#if defined(__linux__)
    char shortened[16];
    strncpy(shortened, name, sizeof shortened - 1);
    shortened[sizeof shortened - 1] = 0;
    pthread_setname_np(pthread_self(), shortened);
#elif defined(__APPLE__)
    pthread_setname_np(name);
#else
    (void)name;
#endif
}
