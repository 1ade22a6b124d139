#include <stddef.h>
void greet(const char *name, char *out, size_t size);
