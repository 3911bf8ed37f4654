package io.coaps4j.coap.onem2m;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A oneM2M request primitive (TS-0004 clause 7.2.1.1) with the parameters the CoAP binding carries
 * (TS-0008 clause 6.2). Immutable; {@link #builder} checks the mandatory parameters (To, Request
 * Identifier, From except when an AE registers, Resource Type for a CREATE, Content for CREATE, UPDATE
 * and NOTIFY) and the lengths of table 6.2.2.4.0-1, naming what is wrong.
 */
public final class RequestPrimitive {
    /** TS-0004 resource type of an AE: an AE registering may leave From empty. */
    public static final int TYPE_AE = 2;

    private final Operation operation;
    private final String to;
    private final String from;
    private final String requestIdentifier;
    private final Integer resourceType;
    private final String releaseVersion;
    private final Instant originatingTimestamp;
    private final Instant requestExpiration;
    private final Instant resultExpiration;
    private final Instant operationExecutionTime;
    private final ResponseType responseType;
    private final List<String> notificationUris;
    private final Integer eventCategory;
    private final String groupRequestIdentifier;
    private final String vendorInformation;
    private final List<QueryParameter> query;
    private final byte[] content;
    private final Integer contentFormat;
    private final Integer accept;

    private RequestPrimitive(Builder b) {
        this.operation = b.operation;
        this.to = b.to;
        this.from = b.from;
        this.requestIdentifier = b.requestIdentifier;
        this.resourceType = b.resourceType;
        this.releaseVersion = b.releaseVersion;
        this.originatingTimestamp = b.originatingTimestamp;
        this.requestExpiration = b.requestExpiration;
        this.resultExpiration = b.resultExpiration;
        this.operationExecutionTime = b.operationExecutionTime;
        this.responseType = b.responseType;
        this.notificationUris = List.copyOf(b.notificationUris);
        this.eventCategory = b.eventCategory;
        this.groupRequestIdentifier = b.groupRequestIdentifier;
        this.vendorInformation = b.vendorInformation;
        this.query = List.copyOf(b.query);
        this.content = b.content.clone();
        this.contentFormat = b.contentFormat;
        this.accept = b.accept;
    }

    public static Builder builder(Operation operation, String to) {
        return new Builder(operation, to);
    }

    public Builder toBuilder() {
        Builder b = new Builder(operation, to);
        b.from = from;
        b.requestIdentifier = requestIdentifier;
        b.resourceType = resourceType;
        b.releaseVersion = releaseVersion;
        b.originatingTimestamp = originatingTimestamp;
        b.requestExpiration = requestExpiration;
        b.resultExpiration = resultExpiration;
        b.operationExecutionTime = operationExecutionTime;
        b.responseType = responseType;
        b.notificationUris.addAll(notificationUris);
        b.eventCategory = eventCategory;
        b.groupRequestIdentifier = groupRequestIdentifier;
        b.vendorInformation = vendorInformation;
        b.query.addAll(query);
        b.content = content;
        b.contentFormat = contentFormat;
        b.accept = accept;
        return b;
    }

    public Operation operation() {
        return operation;
    }

    /** The target: CSE-relative ("CSEBase/ae1"), SP-relative ("/CSE178/CSEBase") or absolute ("//sp.org/CSE178"). */
    public String to() {
        return to;
    }

    public Optional<String> from() {
        return Optional.ofNullable(from);
    }

    public String requestIdentifier() {
        return requestIdentifier;
    }

    public OptionalInt resourceType() {
        return resourceType == null ? OptionalInt.empty() : OptionalInt.of(resourceType);
    }

    /** The Release Version Indicator, e.g. "3"; absent from a Release 1 originator. */
    public Optional<String> releaseVersion() {
        return Optional.ofNullable(releaseVersion);
    }

    public Optional<Instant> originatingTimestamp() {
        return Optional.ofNullable(originatingTimestamp);
    }

    public Optional<Instant> requestExpiration() {
        return Optional.ofNullable(requestExpiration);
    }

    public Optional<Instant> resultExpiration() {
        return Optional.ofNullable(resultExpiration);
    }

    public Optional<Instant> operationExecutionTime() {
        return Optional.ofNullable(operationExecutionTime);
    }

    /** The responseTypeValue; empty means blocking. */
    public Optional<ResponseType> responseType() {
        return Optional.ofNullable(responseType);
    }

    /** The notificationURI element of Response Type (oneM2M-RTURI). */
    public List<String> notificationUris() {
        return notificationUris;
    }

    public OptionalInt eventCategory() {
        return eventCategory == null ? OptionalInt.empty() : OptionalInt.of(eventCategory);
    }

    public Optional<String> groupRequestIdentifier() {
        return Optional.ofNullable(groupRequestIdentifier);
    }

    public Optional<String> vendorInformation() {
        return Optional.ofNullable(vendorInformation);
    }

    /** Filter and discovery criteria and the other Uri-Query parameters, in order. */
    public List<QueryParameter> query() {
        return query;
    }

    /** The values of query parameter {@code name}, in order. */
    public List<String> query(String name) {
        return query.stream().filter(p -> p.name().equals(name)).map(QueryParameter::value).toList();
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

    /** The Content-Format the originator accepts in the response (CoAP Accept, clause 6.2.2.2). */
    public OptionalInt accept() {
        return accept == null ? OptionalInt.empty() : OptionalInt.of(accept);
    }

    @Override
    public String toString() {
        return operation + " " + to + " rqi=" + requestIdentifier + (from == null ? "" : " fr=" + from)
                + (resourceType == null ? "" : " ty=" + resourceType)
                + (releaseVersion == null ? "" : " rvi=" + releaseVersion)
                + (responseType == null ? "" : " rt=" + responseType) + (query.isEmpty() ? "" : " " + query)
                + (content.length == 0 ? "" : " content=" + content.length + " bytes");
    }

    /** Collects the parameters; {@link #build()} checks them. */
    public static final class Builder {
        private final Operation operation;
        private final String to;
        private String from;
        private String requestIdentifier;
        private Integer resourceType;
        private String releaseVersion;
        private Instant originatingTimestamp;
        private Instant requestExpiration;
        private Instant resultExpiration;
        private Instant operationExecutionTime;
        private ResponseType responseType;
        private final List<String> notificationUris = new ArrayList<>();
        private Integer eventCategory;
        private String groupRequestIdentifier;
        private String vendorInformation;
        private final List<QueryParameter> query = new ArrayList<>();
        private byte[] content = new byte[0];
        private Integer contentFormat;
        private Integer accept;

        private Builder(Operation operation, String to) {
            this.operation = Objects.requireNonNull(operation, "operation");
            this.to = Objects.requireNonNull(to, "to");
            Addressing.toUriPath(to); // checks the form
        }

        public Builder from(String value) {
            this.from = checkString(OneM2mOption.FR, value);
            return this;
        }

        public Builder requestIdentifier(String value) {
            this.requestIdentifier = checkString(OneM2mOption.RQI, value);
            return this;
        }

        /** The Resource Type, 0..65535 (oneM2M-TY is a 2-byte uint). */
        public Builder resourceType(int value) {
            this.resourceType = checkUint(OneM2mOption.TY, value);
            return this;
        }

        /** The Release Version Indicator, 1 or 2 characters such as "3" or "2a". */
        public Builder releaseVersion(String value) {
            this.releaseVersion = checkString(OneM2mOption.RVI, value);
            return this;
        }

        public Builder originatingTimestamp(Instant value) {
            this.originatingTimestamp = Timestamps.truncate(value);
            return this;
        }

        public Builder requestExpiration(Instant value) {
            this.requestExpiration = Timestamps.truncate(value);
            return this;
        }

        public Builder resultExpiration(Instant value) {
            this.resultExpiration = Timestamps.truncate(value);
            return this;
        }

        public Builder operationExecutionTime(Instant value) {
            this.operationExecutionTime = Timestamps.truncate(value);
            return this;
        }

        public Builder responseType(ResponseType value) {
            this.responseType = value;
            return this;
        }

        public Builder notificationUri(String value) {
            Objects.requireNonNull(value, "notification URI");
            if (value.isEmpty() || value.indexOf('&') >= 0) {
                throw new IllegalArgumentException("a notification URI must be non-empty and without '&', was '"
                        + value + "'");
            }
            notificationUris.add(value);
            checkString(OneM2mOption.RTURI, String.join("&", notificationUris));
            return this;
        }

        /** The Event Category, 0..255 (oneM2M-EC is a 1-byte uint). */
        public Builder eventCategory(int value) {
            this.eventCategory = checkUint(OneM2mOption.EC, value);
            return this;
        }

        public Builder groupRequestIdentifier(String value) {
            this.groupRequestIdentifier = checkString(OneM2mOption.GID, value);
            return this;
        }

        public Builder vendorInformation(String value) {
            this.vendorInformation = checkString(OneM2mOption.VSI, value);
            return this;
        }

        /** Adds a Uri-Query parameter in short-name form, e.g. ("fu", "1"). */
        public Builder query(String name, String value) {
            query.add(new QueryParameter(name, value));
            return this;
        }

        public Builder content(byte[] value, int format) {
            this.content = Objects.requireNonNull(value, "content").clone();
            this.contentFormat = checkFormat(format);
            return this;
        }

        public Builder content(String value, int format) {
            return content(value.getBytes(StandardCharsets.UTF_8), format);
        }

        /** Content as received: a format may be absent. */
        Builder rawContent(byte[] value, Integer format) {
            this.content = value;
            this.contentFormat = format;
            return this;
        }

        public Builder accept(int format) {
            this.accept = checkFormat(format);
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the missing mandatory parameter (TS-0001 table 8.1.2-2)
         */
        public RequestPrimitive build() {
            String missing = missingParameter(operation, requestIdentifier, from, resourceType, content.length > 0);
            if (missing != null) {
                throw new IllegalArgumentException(missing);
            }
            return new RequestPrimitive(this);
        }

        /** What is missing for {@code operation}, or null. Shared with the receiving side. */
        static String missingParameter(Operation operation, String rqi, String from, Integer type, boolean content) {
            if (rqi == null) {
                return "the Request Identifier (oneM2M-RQI) of " + article(operation) + " is missing";
            }
            if (operation == Operation.CREATE && type == null) {
                return "the Resource Type (oneM2M-TY) of a CREATE is missing";
            }
            boolean aeRegistration = operation == Operation.CREATE && type == TYPE_AE;
            if (from == null && !aeRegistration) {
                return "the From parameter (oneM2M-FR) of " + article(operation) + " is missing (only an AE registering"
                        + " may leave it out)";
            }
            if (operation.needsContent() && !content) {
                return "the Content of " + article(operation) + " is missing";
            }
            return null;
        }

        private static String article(Operation operation) {
            return (operation == Operation.UPDATE ? "an " : "a ") + operation;
        }

        private static String checkString(OneM2mOption option, String value) {
            Objects.requireNonNull(value, option.optionName());
            int length = value.getBytes(StandardCharsets.UTF_8).length;
            if (length < option.minLength() || length > option.maxLength()) {
                throw new IllegalArgumentException(option.optionName() + " must be " + option.minLength() + ".."
                        + option.maxLength() + " bytes of UTF-8 (TS-0008 table 6.2.2.4.0-1), was " + length);
            }
            return value;
        }

        private static Integer checkUint(OneM2mOption option, int value) {
            long max = (1L << (8 * option.maxLength())) - 1;
            if (value < 0 || value > max) {
                throw new IllegalArgumentException(option.optionName() + " must be 0.." + max
                        + " (TS-0008 table 6.2.2.4.0-1), was " + value);
            }
            return value;
        }

        private static Integer checkFormat(int format) {
            if (format < 0 || format > 0xFFFF) {
                throw new IllegalArgumentException("a Content-Format must be 0..65535, was " + format);
            }
            return format;
        }
    }
}
