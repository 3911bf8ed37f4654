package io.coaps4j.dtls.record;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a record layer delivered and dropped, in order. */
class CollectingReceiver implements RecordReceiver {
    final List<DecryptedRecord> delivered = new ArrayList<>();
    final List<DropReason> dropped = new ArrayList<>();
    final DropCounters counters = new DropCounters();

    @Override
    public void deliver(DecryptedRecord record) {
        delivered.add(record);
    }

    @Override
    public void dropped(DropReason reason) {
        dropped.add(reason);
        counters.increment(reason);
    }

    List<String> deliveredTexts() {
        List<String> texts = new ArrayList<>();
        for (DecryptedRecord record : delivered) {
            texts.add(new String(record.plaintext(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return texts;
    }
}
