/**
 * Alerts (RFC 5246 section 7.2) and the sealed family of failures, which
 * {@link io.coaps4j.dtls.alert.AlertMapping} turns into alerts in one place.
 */
package io.coaps4j.dtls.alert;
