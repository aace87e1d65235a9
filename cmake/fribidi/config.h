/* config.h for the project's build of GNU FriBidi 1.0.8 (what its configure step finds on a C99 system). */
#define HAVE_STDLIB_H 1
#define HAVE_STRING_H 1
#define HAVE_STRINGS_H 1
#define HAVE_MEMORY_H 1
#define HAVE_MEMSET 1
#define HAVE_MEMMOVE 1
#define HAVE_STRDUP 1
#define STDC_HEADERS 1
#define HAVE_STRINGIZE 1
