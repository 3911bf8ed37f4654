package io.coaps4j.coaps;

import io.coaps4j.coap.endpoint.CoapEndpoint;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The metrics of a CoAP endpoint ({@link #register(CoapEndpoint)}: its CoAP figures and, over DTLS, its connector's
 * counters) or of a {@link DtlsConnector} alone ({@link #register(DtlsConnector)}) as a JMX MBean: read-only
 * attributes, one per {@link Metric} of {@link ConnectorMetrics}, a labelled one as {@code name.label_value}, e.g.
 * {@code coaps_records_dropped_total.bad_tag}, for jconsole, VisualVM or a JMX exporter. Registration is opt-in: a
 * library does not put objects in the platform MBean server by itself, and two endpoints of one address in one JVM
 * (tests) would clash. Each read takes a fresh snapshot on the event loop; reading all attributes at once takes one.
 */
public final class MetricsMBean implements DynamicMBean {
    /** The JMX domain of coaps4j's MBeans. */
    public static final String DOMAIN = "io.coaps4j";

    private final Supplier<List<Metric>> metrics;

    private MetricsMBean(Supplier<List<Metric>> metrics) {
        this.metrics = metrics;
    }

    /**
     * Registers {@code endpoint}'s MBean in the platform MBean server as
     * {@code io.coaps4j:type=CoapEndpoint,scheme=<coap|coaps>,address="<host>:<port>"} (after {@code start});
     * closing the returned registration unregisters it.
     *
     * @throws IllegalStateException when an endpoint of that scheme and address is registered already
     */
    public static Registration register(CoapEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.supports(DtlsConnector.SCHEME) ? DtlsConnector.SCHEME : "coap";
        try {
            ObjectName name = new ObjectName(DOMAIN + ":type=CoapEndpoint,scheme=" + scheme + ",address="
                    + ObjectName.quote(printable(endpoint.localAddress())));
            return register(name, () -> ConnectorMetrics.of(endpoint));
        } catch (JMException e) {
            throw new IllegalArgumentException("no MBean name for " + endpoint.localAddress(), e);
        }
    }

    private static Registration register(ObjectName name, Supplier<List<Metric>> metrics) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.registerMBean(new MetricsMBean(metrics), name);
            return new Registration(server, name);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register the MBean " + name + ": " + e, e);
        }
    }

    private static String printable(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * Registers {@code connector}'s MBean in the platform MBean server as
     * {@code io.coaps4j:type=DtlsConnector,address="<host>:<port>"} (the bound address, so after {@code start});
     * closing the returned registration unregisters it.
     *
     * @throws IllegalStateException when the connector is not started, or a connector of that address is registered
     */
    public static Registration register(DtlsConnector connector) {
        Objects.requireNonNull(connector, "connector");
        InetSocketAddress address;
        try {
            address = connector.localAddress();
        } catch (RuntimeException e) {
            throw new IllegalStateException("register the MBean of a started connector: " + e.getMessage(), e);
        }
        return register(objectName(address), () -> ConnectorMetrics.of(connector.metrics()));
    }

    /** The name of the MBean of the connector bound to {@code address}. */
    public static ObjectName objectName(InetSocketAddress address) {
        try {
            return new ObjectName(DOMAIN + ":type=DtlsConnector,address=" + ObjectName.quote(printable(address)));
        } catch (JMException e) {
            throw new IllegalArgumentException("no MBean name for " + address, e);
        }
    }

    /** The attribute name of {@code metric}: its name, then its label values joined by dots (in label order). */
    public static String attributeName(Metric metric) {
        StringBuilder name = new StringBuilder(metric.name());
        new TreeMap<>(metric.labels()).values().forEach(value -> name.append('.').append(value));
        return name.toString();
    }

    private Map<String, Metric> snapshot() {
        Map<String, Metric> byName = new LinkedHashMap<>();
        for (Metric metric : metrics.get()) {
            byName.put(attributeName(metric), metric);
        }
        return byName;
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        Metric metric = snapshot().get(attribute);
        if (metric == null) {
            throw new AttributeNotFoundException("no attribute " + attribute);
        }
        return metric.value();
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        Map<String, Metric> snapshot = snapshot();
        AttributeList list = new AttributeList();
        for (String attribute : attributes) {
            Metric metric = snapshot.get(attribute);
            if (metric != null) {
                list.add(new Attribute(attribute, metric.value()));
            }
        }
        return list;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("the attributes of " + DOMAIN + " connectors are read-only");
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("no operations");
    }

    /** Made anew on each call: a failure by a new alert adds an attribute. */
    @Override
    public MBeanInfo getMBeanInfo() {
        List<MBeanAttributeInfo> attributes = new ArrayList<>();
        for (Map.Entry<String, Metric> entry : snapshot().entrySet()) {
            Metric metric = entry.getValue();
            attributes.add(new MBeanAttributeInfo(entry.getKey(), "long", metric.help()
                    + (metric.type() == Metric.Type.COUNTER ? " (counter)" : " (gauge)"), true, false, false));
        }
        return new MBeanInfo(MetricsMBean.class.getName(), "the metrics of a coaps4j endpoint or connector (docs/METRICS.md)",
                attributes.toArray(new MBeanAttributeInfo[0]), null, null, null);
    }

    /** A registered MBean; {@link #close()} unregisters it. */
    public static final class Registration implements AutoCloseable {
        private final MBeanServer server;
        private final ObjectName name;

        private Registration(MBeanServer server, ObjectName name) {
            this.server = server;
            this.name = name;
        }

        public ObjectName name() {
            return name;
        }

        @Override
        public void close() {
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException ignored) {
                // unregistered already
            } catch (MBeanRegistrationException e) {
                throw new IllegalStateException("cannot unregister " + name, e);
            }
        }
    }
}
