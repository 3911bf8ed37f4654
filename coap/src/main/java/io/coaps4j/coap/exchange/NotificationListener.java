package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;

/** Hears an RFC 7641 observation on the engine's thread: each fresh notification, then its end, once. */
public interface NotificationListener {

    /** The registration's response or a notification newer than every one delivered before (section 3.4). */
    void onNotification(Message notification);

    /**
     * The observation is over: {@code failure} says why, or is null when the server ended it (a
     * response without Observe: the resource is not observable, the server's list is full, or a
     * non-2.xx notification, sections 3.2 and 4.1), after that response was delivered.
     */
    void onEnded(ExchangeFailure failure);
}
