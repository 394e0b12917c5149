/* Entropy source for mbedTLS built against musl.
 *
 * mbedTLS only calls getrandom(2) when __GLIBC__ is defined; on musl it falls back to reading
 * /dev/urandom, which does not exist in a FROM-scratch root. bootstrap.sh builds mbedTLS with
 * MBEDTLS_NO_PLATFORM_ENTROPY + MBEDTLS_ENTROPY_HARDWARE_ALT and adds this file to libmbedcrypto.a,
 * so every entropy context (ours and curl's) is fed by the getrandom system call. */
#include <errno.h>
#include <stddef.h>
#include <sys/random.h>

int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen) {
  (void)data;
  size_t done = 0;
  while (done < len) {
    ssize_t n = getrandom(output + done, len - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1; /* MBEDTLS_ERR_ENTROPY_SOURCE_FAILED is mapped by the caller */
    }
    done += (size_t)n;
  }
  *olen = done;
  return 0;
}
