#include <stdio.h>
#include <string.h>
#include "greet.h"

static int failures;

static void expect(const char *name, const char *want) {
    char got[128];
    greet(name, got, sizeof got);
    if (strcmp(got, want) != 0) {
        printf("FAIL greet(%s): got '%s', want '%s'\n", name ? name : "NULL", got, want);
        failures++;
    } else {
        printf("ok   greet(%s)\n", name ? name : "NULL");
    }
}

int main(void) {
    expect("Kiln", "Hello, Kiln!");
    expect("", "Hello, world!");
    expect(NULL, "Hello, world!");
    return failures == 0 ? 0 : 1;
}
