package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;

/**
 * Receives the outcome of one client exchange, exactly once, on the engine's thread. For a
 * CoAP ping the "response" is the peer's RST (or empty ACK).
 */
public interface ResponseListener {

    void onResponse(Message response);

    void onFailure(ExchangeFailure failure);
}
