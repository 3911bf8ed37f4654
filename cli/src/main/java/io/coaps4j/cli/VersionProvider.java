package io.coaps4j.cli;

import picocli.CommandLine.IVersionProvider;

/** The version written into the jar manifest at build time. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"coaps4j " + (version == null ? "(development build)" : version)};
    }
}
