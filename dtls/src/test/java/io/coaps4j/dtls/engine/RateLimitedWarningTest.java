package io.coaps4j.dtls.engine;

import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitedWarningTest {

    /** Keeps the WARN lines written to it. */
    private static final class Lines extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        final List<String> warnings = new ArrayList<>();

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            if (level == Level.WARN) {
                warnings.add(MessageFormatter.arrayFormat(pattern, arguments).getMessage());
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }

    @Test
    void aFloodWritesOneLineAPeriodWithTheCountSinceTheLastLine() {
        Lines log = new Lines();
        RateLimitedWarning refused = new RateLimitedWarning(log, "handshakes refused", 60_000);

        refused.occurred(0); // the first occurrence is reported at once
        for (long time = 1; time < 60_000; time += 10) {
            refused.occurred(time); // 6,000 more within the minute: silence
        }
        refused.occurred(60_000);

        assertThat(log.warnings).containsExactly("handshakes refused: 1 since the last report",
                "handshakes refused: 6001 since the last report");
    }

    @Test
    void aPeriodMustBePositive() {
        assertThatThrownBy(() -> new RateLimitedWarning(new Lines(), "x", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period");
    }
}
