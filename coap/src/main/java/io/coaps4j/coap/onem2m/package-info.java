/**
 * The oneM2M CoAP binding (oneM2M TS-0008 V3.9 clause 6) on top of the CoAP API: request and response
 * primitives ({@link io.coaps4j.coap.onem2m.RequestPrimitive}, {@link io.coaps4j.coap.onem2m.ResponsePrimitive}),
 * their mapping to CoAP messages and back ({@link io.coaps4j.coap.onem2m.RequestMapping},
 * {@link io.coaps4j.coap.onem2m.ResponseMapping}), the oneM2M options in both numberings and the
 * endpoint registry that lets them through ({@link io.coaps4j.coap.onem2m.OneM2mBinding}), the Response
 * Status Code table ({@link io.coaps4j.coap.onem2m.ResponseStatusCode}), a client
 * ({@link io.coaps4j.coap.onem2m.OneM2mClient}) and a server adapter
 * ({@link io.coaps4j.coap.onem2m.OneM2mServerAdapter}). Security is the connector's: over coaps every
 * primitive is protected hop by hop by DTLS (clause 7). Not covered: the non-blocking cases' later steps
 * (the {@code <request>} resource and the NOTIFY of the result are the application's), and the
 * oneM2M-CTO, CTS, ATI, GTM, AUS and ASRI parameters, which are checked on input but not modelled.
 */
package io.coaps4j.coap.onem2m;
