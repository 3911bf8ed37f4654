package io.coaps4j.dtls.record;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** A record discarded silently, and why. One shared instance per reason: dropping allocates nothing. */
public record DroppedRecord(DropReason reason) implements UnprotectResult {
    private static final Map<DropReason, DroppedRecord> INSTANCES = new EnumMap<>(DropReason.class);

    static {
        for (DropReason reason : DropReason.values()) {
            INSTANCES.put(reason, new DroppedRecord(reason));
        }
    }

    public DroppedRecord {
        Objects.requireNonNull(reason, "reason");
    }

    public static DroppedRecord of(DropReason reason) {
        return INSTANCES.get(Objects.requireNonNull(reason, "reason"));
    }
}
