package io.coaps4j.bench.loadgen;

/** Called by {@link LoadGenerator} on the coordinating thread right around the measured window. */
public interface WindowObserver {
    /** Just before the window opens (e.g. read the server's CPU time). */
    void beforeWindow();

    /** Just after the window closes. */
    void afterWindow();

    WindowObserver NONE = new WindowObserver() {
        @Override
        public void beforeWindow() {
        }

        @Override
        public void afterWindow() {
        }
    };
}
