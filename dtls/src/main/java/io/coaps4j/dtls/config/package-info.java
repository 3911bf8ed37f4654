/** The immutable, validated configuration of a DTLS endpoint. */
package io.coaps4j.dtls.config;
