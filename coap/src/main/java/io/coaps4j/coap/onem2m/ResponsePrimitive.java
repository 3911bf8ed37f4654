package io.coaps4j.coap.onem2m;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A oneM2M response primitive (TS-0004 clause 7.2.1.2) with the parameters the CoAP binding carries.
 * Immutable; built with {@link #builder(int)} from its Response Status Code.
 */
public final class ResponsePrimitive {
    private final int statusCode;
    private final String requestIdentifier;
    private final String to;
    private final String from;
    private final String releaseVersion;
    private final Instant originatingTimestamp;
    private final Instant resultExpiration;
    private final Integer eventCategory;
    private final String vendorInformation;
    private final List<String> location;
    private final byte[] content;
    private final Integer contentFormat;

    private ResponsePrimitive(Builder b) {
        this.statusCode = b.statusCode;
        this.requestIdentifier = b.requestIdentifier;
        this.to = b.to;
        this.from = b.from;
        this.releaseVersion = b.releaseVersion;
        this.originatingTimestamp = b.originatingTimestamp;
        this.resultExpiration = b.resultExpiration;
        this.eventCategory = b.eventCategory;
        this.vendorInformation = b.vendorInformation;
        this.location = List.copyOf(b.location);
        this.content = b.content.clone();
        this.contentFormat = b.contentFormat;
    }

    /** @throws IllegalArgumentException when {@code statusCode} is not 1000..6999 */
    public static Builder builder(int statusCode) {
        return new Builder(statusCode);
    }

    /** A response to {@code request}: its Request Identifier and Release Version Indicator copied. */
    public static Builder answering(RequestPrimitive request, int statusCode) {
        Builder b = new Builder(statusCode).requestIdentifier(request.requestIdentifier());
        request.releaseVersion().ifPresent(b::releaseVersion);
        return b;
    }

    /** The Response Status Code, e.g. 2001 ({@link ResponseStatusCode}). */
    public int statusCode() {
        return statusCode;
    }

    public String statusName() {
        return ResponseStatusCode.name(statusCode);
    }

    public Optional<String> requestIdentifier() {
        return Optional.ofNullable(requestIdentifier);
    }

    public Optional<String> to() {
        return Optional.ofNullable(to);
    }

    public Optional<String> from() {
        return Optional.ofNullable(from);
    }

    public Optional<String> releaseVersion() {
        return Optional.ofNullable(releaseVersion);
    }

    public Optional<Instant> originatingTimestamp() {
        return Optional.ofNullable(originatingTimestamp);
    }

    public Optional<Instant> resultExpiration() {
        return Optional.ofNullable(resultExpiration);
    }

    public OptionalInt eventCategory() {
        return eventCategory == null ? OptionalInt.empty() : OptionalInt.of(eventCategory);
    }

    public Optional<String> vendorInformation() {
        return Optional.ofNullable(vendorInformation);
    }

    /** The URI of a created resource, as Location-Path segments (TS-0008 clause 6.2.3); empty if none. */
    public List<String> location() {
        return location;
    }

    /** The Content parameter (a copy); empty when there is none. */
    public byte[] content() {
        return content.clone();
    }

    byte[] contentUnsafe() {
        return content;
    }

    public String contentAsString() {
        return new String(content, StandardCharsets.UTF_8);
    }

    public OptionalInt contentFormat() {
        return contentFormat == null ? OptionalInt.empty() : OptionalInt.of(contentFormat);
    }

    @Override
    public String toString() {
        return "rsc=" + statusCode + " (" + statusName() + ")"
                + (requestIdentifier == null ? "" : " rqi=" + requestIdentifier)
                + (releaseVersion == null ? "" : " rvi=" + releaseVersion)
                + (location.isEmpty() ? "" : " location=" + String.join("/", location))
                + (content.length == 0 ? "" : " content=" + content.length + " bytes");
    }

    public static final class Builder {
        private final int statusCode;
        private String requestIdentifier;
        private String to;
        private String from;
        private String releaseVersion;
        private Instant originatingTimestamp;
        private Instant resultExpiration;
        private Integer eventCategory;
        private String vendorInformation;
        private final List<String> location = new ArrayList<>();
        private byte[] content = new byte[0];
        private Integer contentFormat;

        private Builder(int statusCode) {
            this.statusCode = ResponseStatusCode.checkRange(statusCode);
        }

        public Builder requestIdentifier(String value) {
            this.requestIdentifier = Objects.requireNonNull(value, "requestIdentifier");
            return this;
        }

        public Builder to(String value) {
            this.to = Objects.requireNonNull(value, "to");
            return this;
        }

        public Builder from(String value) {
            this.from = Objects.requireNonNull(value, "from");
            return this;
        }

        public Builder releaseVersion(String value) {
            this.releaseVersion = Objects.requireNonNull(value, "releaseVersion");
            return this;
        }

        public Builder originatingTimestamp(Instant value) {
            this.originatingTimestamp = Timestamps.truncate(value);
            return this;
        }

        public Builder resultExpiration(Instant value) {
            this.resultExpiration = Timestamps.truncate(value);
            return this;
        }

        public Builder eventCategory(int value) {
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("oneM2M-EC must be 0..255, was " + value);
            }
            this.eventCategory = value;
            return this;
        }

        public Builder vendorInformation(String value) {
            this.vendorInformation = Objects.requireNonNull(value, "vendorInformation");
            return this;
        }

        /** The created resource's URI, e.g. "CSEBase/ae1", sent as Location-Path segments. */
        public Builder location(String uri) {
            location.clear();
            for (String segment : Objects.requireNonNull(uri, "location").split("/")) {
                if (!segment.isEmpty()) {
                    location.add(segment);
                }
            }
            return this;
        }

        Builder locationSegments(List<String> segments) {
            location.clear();
            location.addAll(segments);
            return this;
        }

        public Builder content(byte[] value, int format) {
            this.content = Objects.requireNonNull(value, "content").clone();
            if (format < 0 || format > 0xFFFF) {
                throw new IllegalArgumentException("a Content-Format must be 0..65535, was " + format);
            }
            this.contentFormat = format;
            return this;
        }

        public Builder content(String value, int format) {
            return content(value.getBytes(StandardCharsets.UTF_8), format);
        }

        Builder rawContent(byte[] value, Integer format) {
            this.content = value;
            this.contentFormat = format;
            return this;
        }

        public ResponsePrimitive build() {
            return new ResponsePrimitive(this);
        }
    }
}
