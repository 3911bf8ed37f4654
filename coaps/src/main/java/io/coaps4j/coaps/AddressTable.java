package io.coaps4j.coaps;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Values that each know their peer address, found by it: at most one per address. It holds one
 * entry per idle session, so it is an open-addressing table (linear probing, backward-shift
 * removal) whose only storage is one array of the values: about 6 to 12 bytes per entry where a
 * {@code HashMap} spends a 32-byte node and its table slot. Event-loop thread only.
 *
 * @param <V> the values, each keyed by {@code addressOf}
 */
final class AddressTable<V> {
    private static final int MIN_CAPACITY = 16;
    /** Fibonacci hashing spreads the addresses of one host, whose hash codes differ only in the port. */
    private static final int SPREAD = 0x9E3779B9;

    private final Function<? super V, InetSocketAddress> addressOf;
    private Object[] slots = new Object[MIN_CAPACITY];
    private int shift = Integer.SIZE - Integer.numberOfTrailingZeros(MIN_CAPACITY);
    private int size;

    AddressTable(Function<? super V, InetSocketAddress> addressOf) {
        this.addressOf = Objects.requireNonNull(addressOf, "addressOf");
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The value for {@code address}, or null. */
    V get(InetSocketAddress address) {
        int index = indexOf(address);
        return index < 0 ? null : value(index);
    }

    boolean containsKey(InetSocketAddress address) {
        return indexOf(address) >= 0;
    }

    /** Adds {@code value} under its address, replacing the value there; returns the replaced one or null. */
    V put(V value) {
        InetSocketAddress address = Objects.requireNonNull(addressOf.apply(value), "address of the value");
        int mask = slots.length - 1;
        for (int i = home(address); ; i = (i + 1) & mask) {
            V present = value(i);
            if (present == null) {
                slots[i] = value;
                if (++size * 3 > slots.length * 2) {
                    resize(slots.length * 2); // at most 2/3 full keeps the probes short
                }
                return null;
            }
            if (addressOf.apply(present).equals(address)) {
                slots[i] = value;
                return present;
            }
        }
    }

    /** Removes the value for {@code address}; returns it, or null when there was none. */
    V remove(InetSocketAddress address) {
        int index = indexOf(address);
        if (index < 0) {
            return null;
        }
        V removed = value(index);
        int mask = slots.length - 1;
        int hole = index;
        // Backward shift: a later value of the probe run moves into the hole unless its home lies between them.
        for (int i = (index + 1) & mask; slots[i] != null; i = (i + 1) & mask) {
            int home = home(addressOf.apply(value(i)));
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                slots[hole] = slots[i];
                hole = i;
            }
        }
        slots[hole] = null;
        size--;
        return removed;
    }

    /** Calls {@code action} with each value; {@code action} must not change the table. */
    void forEach(Consumer<? super V> action) {
        for (Object slot : slots) {
            if (slot != null) {
                action.accept(cast(slot));
            }
        }
    }

    /** The values now, in a list of their own (the table may then change). */
    List<V> values() {
        List<V> values = new ArrayList<>(size);
        forEach(values::add);
        return values;
    }

    private int indexOf(InetSocketAddress address) {
        int mask = slots.length - 1;
        for (int i = home(address); ; i = (i + 1) & mask) {
            V present = value(i);
            if (present == null) {
                return -1;
            }
            if (addressOf.apply(present).equals(address)) {
                return i;
            }
        }
    }

    private int home(InetSocketAddress address) {
        return (address.hashCode() * SPREAD) >>> shift;
    }

    private void resize(int capacity) {
        Object[] old = slots;
        slots = new Object[capacity];
        shift = Integer.SIZE - Integer.numberOfTrailingZeros(capacity);
        int mask = capacity - 1;
        for (Object slot : old) {
            if (slot != null) {
                int i = home(addressOf.apply(cast(slot)));
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = slot;
            }
        }
    }

    private V value(int index) {
        return cast(slots[index]);
    }

    @SuppressWarnings("unchecked")
    private V cast(Object slot) {
        return (V) slot;
    }
}
