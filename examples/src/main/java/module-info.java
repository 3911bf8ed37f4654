/** The example programs: they use only what the library modules export. */
module io.coaps4j.examples {
    requires io.coaps4j.coaps;
}
