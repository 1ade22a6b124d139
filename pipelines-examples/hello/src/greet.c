#include <stdio.h>
#include <string.h>
#include "greet.h"

void greet(const char *name, char *out, size_t size) {
    snprintf(out, size, "Hello, %s!", (name && *name) ? name : "world");
}
