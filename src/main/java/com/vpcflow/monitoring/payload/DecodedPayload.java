package com.vpcflow.monitoring.payload;

import java.util.List;

/**
 * A payload as {@link PayloadDecoder#decodeReusing} leaves it: the envelope's fields and its {@link LogEvents}.
 * Reused by its decoder: valid until the next payload is decoded.
 */
public final class DecodedPayload {
    String messageType, owner, logGroup, logStream;
    List<String> subscriptionFilters = List.of();
    final LogEvents events = new LogEvents();

    public String messageType() {
        return messageType;
    }

    public String owner() {
        return owner;
    }

    public LogEvents events() {
        return events;
    }

    public boolean isControlMessage() {
        return SubscriptionPayload.CONTROL_MESSAGE.equals(messageType);
    }

    public SubscriptionPayload toSubscriptionPayload() {
        return new SubscriptionPayload(messageType, owner, logGroup, logStream, subscriptionFilters, events.toList());
    }

    void clear() {
        messageType = owner = logGroup = logStream = null;
        subscriptionFilters = List.of();
        events.clear();
    }
}
