package io.coaps4j.coap.server;

import io.coaps4j.coap.linkformat.Link;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.MessageType;
import java.security.Principal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A resource at a path: handlers per method, the RFC 6690 attributes under which it is listed in
 * {@code /.well-known/core}, and who may use it. Immutable; built with {@link #builder(String)}.
 *
 * <p>A path may be a template: a segment written {@code {name}} matches any one Uri-Path segment
 * (an empty one included), and the handler reads it with {@link CoapRequest#pathParameter}. An
 * exact path wins over a template. A template resource is not listed in {@code /.well-known/core}
 * (an RFC 6690 link names a concrete target) unless it supplies the links of the resources it
 * serves with {@link Builder#links}.
 */
public final class Resource {
    private final ResourcePath path;
    private final Object[] handlers; // by method code detail: RequestHandler or AsyncRequestHandler
    private final List<String> resourceTypes;
    private final List<String> interfaces;
    private final List<Integer> contentFormats;
    private final String title;
    private final OptionalLong maxSize;
    private final boolean hidden;
    private final Predicate<Principal> admitted;
    private final Supplier<List<Link>> links;
    private final Link link;
    /** Null unless observable (RFC 7641); the one mutable part: who observes it now. */
    private final ResourceObservers observers;

    private Resource(Builder b) {
        this.path = b.path;
        this.handlers = b.handlers.toArray();
        this.resourceTypes = b.description.resourceTypes();
        this.interfaces = b.description.interfaces();
        this.contentFormats = b.description.contentFormats();
        this.title = b.description.title();
        this.maxSize = b.description.maxSize();
        this.hidden = b.hidden;
        this.admitted = b.admitted;
        this.links = b.links;
        this.observers = b.notificationType == null ? null
                : new ResourceObservers(b.notificationType, b.observersChanged);
        if (observers != null) {
            observers.getHandler(handler(Code.GET));
            observers.fetchHandler(handler(Code.FETCH));
        }
        this.link = b.description.toLink(pathString(), observers != null);
    }

    /**
     * How the resource is described in /.well-known/core (RFC 6690). For a template resource the
     * target is the template itself ("/store/{name}"): a description, never listed as it is.
     */
    public Link link() {
        return link;
    }

    /**
     * What /.well-known/core lists for this resource, computed at each discovery request: nothing
     * when hidden; the supplied links when {@link Builder#links} was given (without an {@code obs}
     * attribute: this server does not serve Observe, RFC 7641 section 6); otherwise its own
     * {@link #link()}, or nothing for a template.
     */
    public List<Link> listedLinks() {
        if (hidden) {
            return List.of();
        }
        if (links != null) {
            List<Link> supplied = Objects.requireNonNull(links.get(),
                    () -> "the links supplier of " + this + " returned null");
            return supplied.stream().anyMatch(l -> l.has(ResourceDescription.OBSERVABLE))
                    ? ResourceDescription.withoutObservable(supplied) : supplied;
        }
        return isTemplate() ? List.of() : List.of(link);
    }

    /**
     * A resource at {@code path} such as "sensors/temp" (a leading '/' is optional; "" is the root),
     * or a template such as "store/{name}" whose {@code {name}} segment matches any one segment.
     *
     * @throws IllegalArgumentException when a segment is empty, a parameter name is empty, not made
     *     of letters, digits, '_', '-' and '.', or used twice, or a segment has a brace elsewhere
     */
    public static Builder builder(String path) {
        return new Builder(ResourcePath.parse(path));
    }

    /** The segments, "{name}" for a parameter. */
    public List<String> path() {
        return path.segments();
    }

    /** "/a/b", or "/store/{name}" for a template. */
    public String pathString() {
        return path.toString();
    }

    /** Whether the path has {@code {name}} segments. */
    public boolean isTemplate() {
        return path.isTemplate();
    }

    /** The names of the path's {@code {name}} segments, in path order; empty for an exact path. */
    public List<String> parameterNames() {
        return path.parameterNames();
    }

    /** The segment of {@code requestPath} that parameter {@code name} matched, or null when there is no such parameter. */
    String parameterValue(String name, List<String> requestPath) {
        return path.parameterValue(name, requestPath);
    }

    Object handler(Code method) {
        if (method.codeClass() != 0 || method.detail() >= handlers.length) {
            return null;
        }
        return handlers[method.detail()];
    }

    public boolean handles(Code method) {
        return handler(method) != null;
    }

    public List<String> resourceTypes() {
        return resourceTypes;
    }

    public List<String> interfaces() {
        return interfaces;
    }

    public List<Integer> contentFormats() {
        return contentFormats;
    }

    /** Whether a response in {@code format} can come from here: declared, or nothing declared. */
    boolean produces(long format) {
        if (contentFormats.isEmpty()) {
            return true;
        }
        for (int i = 0; i < contentFormats.size(); i++) {
            if (contentFormats.get(i) == format) {
                return true;
            }
        }
        return false;
    }

    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    public OptionalLong maxSize() {
        return maxSize;
    }

    /** Whether a GET with Observe makes its client an observer (RFC 7641); see {@link Builder#observable}. */
    public boolean observable() {
        return observers != null;
    }

    /**
     * The state changed: every observer's GET is answered again by the GET handler, on the calling
     * thread, and the answer goes as a notification (RFC 7641 section 4.2); a non-2.xx answer ends
     * the observation. Callable from any thread; nothing happens without observers.
     *
     * @throws IllegalStateException when the resource is not {@link Builder#observable}
     */
    public void changed() {
        if (observers == null) {
            throw new IllegalStateException(pathString() + " is not observable; build it with observable()");
        }
        observers.changed();
    }

    /** The clients observing this resource now, over all endpoints (0 when not observable). */
    public int observerCount() {
        return observers == null ? 0 : observers.size();
    }

    ResourceObservers observers() {
        return observers;
    }

    /** Not listed in /.well-known/core. */
    public boolean hidden() {
        return hidden;
    }

    /** Whether a request with this principal may use the resource. */
    ResourceAccess access(Optional<Principal> principal) {
        return ResourceAccess.of(admitted, principal);
    }

    @Override
    public String toString() {
        return "Resource[" + pathString() + "]";
    }

    /** Builds a {@link Resource}. */
    public static final class Builder {
        private final ResourcePath path;
        private final HandlerTable handlers = new HandlerTable();
        private final ResourceDescription description = new ResourceDescription();
        private boolean hidden;
        private Predicate<Principal> admitted;
        private Supplier<List<Link>> links;
        private MessageType notificationType;
        private IntConsumer observersChanged = count -> { };

        private Builder(ResourcePath path) {
            this.path = path;
        }

        public Builder get(RequestHandler handler) {
            return on(Code.GET, handler);
        }

        public Builder post(RequestHandler handler) {
            return on(Code.POST, handler);
        }

        public Builder put(RequestHandler handler) {
            return on(Code.PUT, handler);
        }

        public Builder delete(RequestHandler handler) {
            return on(Code.DELETE, handler);
        }

        public Builder getAsync(AsyncRequestHandler handler) {
            return onAsync(Code.GET, handler);
        }

        public Builder postAsync(AsyncRequestHandler handler) {
            return onAsync(Code.POST, handler);
        }

        public Builder putAsync(AsyncRequestHandler handler) {
            return onAsync(Code.PUT, handler);
        }

        public Builder deleteAsync(AsyncRequestHandler handler) {
            return onAsync(Code.DELETE, handler);
        }

        /** A handler for any request method (e.g. FETCH). */
        public Builder on(Code method, RequestHandler handler) {
            return set(method, Objects.requireNonNull(handler, "handler"));
        }

        public Builder onAsync(Code method, AsyncRequestHandler handler) {
            return set(method, Objects.requireNonNull(handler, "handler"));
        }

        private Builder set(Code method, Object handler) {
            handlers.set(method, handler);
            return this;
        }

        /** The rt attribute (RFC 6690 section 3.1); repeatable. */
        public Builder resourceType(String... types) {
            description.addResourceTypes(types);
            return this;
        }

        /** The if attribute (RFC 6690 section 3.2); repeatable. */
        public Builder interfaceDescription(String... descriptions) {
            description.addInterfaces(descriptions);
            return this;
        }

        /**
         * The content formats the resource produces: its ct attribute (RFC 7252 section 7.2.1), and
         * what a request's Accept must name, or it gets 4.06 Not Acceptable before any handler runs
         * (section 5.10.4). Without any, Accept is left to the handlers. Repeatable.
         */
        public Builder contentFormat(int... formats) {
            description.addContentFormats(formats);
            return this;
        }

        public Builder title(String value) {
            description.title(value);
            return this;
        }

        /** The sz attribute (RFC 7959 section 4). */
        public Builder maxSize(long bytes) {
            description.maxSize(bytes);
            return this;
        }

        /**
         * Any other link attribute for /.well-known/core (RFC 6690 section 3), e.g. oneM2M's; not
         * {@code obs}, which only a server serving Observe (RFC 7641) may advertise.
         */
        public Builder linkAttribute(String name, String value) {
            description.addAttribute(name, value);
            return this;
        }

        /** A link attribute without a value; not {@code obs}. */
        public Builder linkFlag(String name) {
            description.addFlag(name);
            return this;
        }

        /**
         * The links /.well-known/core lists for this resource instead of its own, asked for at each
         * discovery request: for a template such as "store/{name}", the concrete resources it serves
         * now ("/store/a", "/store/b"). Without it a template is not listed at all. The supplier runs
         * where the discovery request is handled; if it fails, that request gets 5.00.
         */
        public Builder links(Supplier<List<Link>> supplier) {
            this.links = Objects.requireNonNull(supplier, "links supplier");
            return this;
        }

        /**
         * Makes the resource observable (RFC 7641) with confirmable notifications: a GET with
         * Observe 0 adds its client to the list, {@link Resource#changed()} notifies, and the
         * resource is listed with the {@code obs} attribute.
         */
        public Builder observable() {
            return observable(MessageType.CON);
        }

        /**
         * Makes the resource observable with notifications of {@code notificationType}: CON, or NON
         * (a CON still goes at least every 24 hours and every 100th notification, RFC 7641 section 4.5). The number of observers
         * is bounded by {@code EngineConfig.maxObserversPerPeer} and {@code maxObservers}; beyond
         * them a GET with Observe is served as a plain GET (section 4.1).
         */
        public Builder observable(MessageType notificationType) {
            ResourceObservers.requireNotificationType(notificationType);
            this.notificationType = notificationType;
            return this;
        }

        /**
         * {@code listener} hears the number of observers each time it changes, on an endpoint's
         * loop (e.g. to run a clock only while someone observes). It must not block.
         */
        public Builder onObserversChanged(IntConsumer listener) {
            this.observersChanged = Objects.requireNonNull(listener, "observers listener");
            return this;
        }

        /** Leaves the resource out of /.well-known/core. */
        public Builder hidden() {
            this.hidden = true;
            return this;
        }

        /**
         * Admits only authenticated peers whose principal passes {@code admitted}: no principal
         * gets 4.01 Unauthorized, a principal that fails it gets 4.03 Forbidden.
         */
        public Builder authorize(Predicate<Principal> admittedPrincipals) {
            this.admitted = Objects.requireNonNull(admittedPrincipals, "authorize predicate");
            return this;
        }

        /** Admits any authenticated peer (4.01 for NoSec requests). */
        public Builder requireAuthentication() {
            return authorize(principal -> true);
        }

        /**
         * @throws IllegalArgumentException when options conflict: two handlers for one method, or
         *     {@link #hidden()} with a {@link #links} supplier that would never be asked
         */
        public Resource build() {
            if (handlers.conflict() != null) {
                throw new IllegalArgumentException(path + ": " + handlers.conflict());
            }
            if (notificationType != null && !handlers.has(Code.GET)) {
                throw new IllegalArgumentException(path + ": observable without a GET handler; notifications"
                        + " are the GET handler's answers");
            }
            if (hidden && links != null) {
                throw new IllegalArgumentException(path + ": hidden and a links supplier both given; a hidden"
                        + " resource lists no links");
            }
            return new Resource(this);
        }
    }
}
