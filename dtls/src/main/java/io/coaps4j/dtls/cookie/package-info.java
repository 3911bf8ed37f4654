/** Stateless HelloVerifyRequest cookies with a rotating secret (RFC 6347 section 4.2.1). */
package io.coaps4j.dtls.cookie;
