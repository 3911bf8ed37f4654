package io.coaps4j.coap.messaging;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.util.BitSet;
import java.util.List;

/**
 * The one list of options this stack understands (RFC 7252 section 5.4.1). An unrecognised
 * critical option makes a request fail with 4.02 and a response be rejected; an unrecognised
 * elective option is ignored. Block1/Block2 are left out on purpose: until block-wise transfer
 * (RFC 7959) is implemented, claiming to understand them would be a lie.
 */
public final class RecognizedOptions {
    private static final RecognizedOptions RFC_7252 = new RecognizedOptions(bits(
            OptionNumber.IF_MATCH, OptionNumber.URI_HOST, OptionNumber.ETAG, OptionNumber.IF_NONE_MATCH,
            OptionNumber.OBSERVE, OptionNumber.URI_PORT, OptionNumber.LOCATION_PATH, OptionNumber.URI_PATH,
            OptionNumber.CONTENT_FORMAT, OptionNumber.MAX_AGE, OptionNumber.URI_QUERY, OptionNumber.ACCEPT,
            OptionNumber.LOCATION_QUERY, OptionNumber.SIZE2, OptionNumber.SIZE1));

    private final BitSet recognized;

    private RecognizedOptions(BitSet recognized) {
        this.recognized = recognized;
    }

    /** The options of RFC 7252 section 5.10 (and the elective Observe, Size1, Size2). */
    public static RecognizedOptions rfc7252() {
        return RFC_7252;
    }

    /** These options plus {@code numbers}, e.g. when a layer that handles them is added. */
    public RecognizedOptions with(int... numbers) {
        BitSet copy = (BitSet) recognized.clone();
        for (int number : numbers) {
            if (number < 0 || number > 65535) {
                throw new IllegalArgumentException("option number must be 0..65535, was " + number);
            }
            copy.set(number);
        }
        return new RecognizedOptions(copy);
    }

    public boolean isRecognized(int number) {
        return recognized.get(number);
    }

    /** The first critical option of {@code message} that is not recognised, or -1 when there is none. */
    public int firstUnrecognizedCritical(Message message) {
        List<Option> options = message.options();
        for (int i = 0, n = options.size(); i < n; i++) {
            int number = options.get(i).number();
            if (OptionNumber.isCritical(number) && !recognized.get(number)) {
                return number;
            }
        }
        return -1;
    }

    private static BitSet bits(int... numbers) {
        BitSet set = new BitSet();
        for (int number : numbers) {
            set.set(number);
        }
        return set;
    }
}
