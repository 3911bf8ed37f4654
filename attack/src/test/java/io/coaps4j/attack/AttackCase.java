package io.coaps4j.attack;

import de.rub.nds.tlsattacker.core.config.Config;
import de.rub.nds.tlsattacker.core.workflow.action.TlsAction;

import java.util.List;
import java.util.function.Function;

/**
 * One attack of a table: the actions TLS-Attacker runs (built when the case runs, from the run's config), what our
 * server must answer, and the server metric that must grow meanwhile.
 */
record AttackCase(String name, Function<Config, List<TlsAction>> actions, Expectation expected, Counter counter) {

    @Override
    public String toString() {
        return name + " -> " + expected;
    }
}
