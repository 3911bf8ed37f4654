package io.coaps4j.coap.onem2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.message.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TS-0008 V3.9 table 6.2.4-1. */
class ResponseStatusCodeTest {

    @ParameterizedTest(name = "RSC {0} {1} is CoAP {2}")
    @CsvSource({
        "1001, ACCEPTED_NON_BLOCKING_REQUEST_SYNCH, 2.01", "2001, CREATED, 2.01", "2002, DELETED, 2.02",
        "2004, UPDATED, 2.04", "4000, BAD_REQUEST, 4.00", "4001, RELEASE_VERSION_NOT_SUPPORTED, 5.01",
        "4004, NOT_FOUND, 4.04", "4005, OPERATION_NOT_ALLOWED, 4.05", "4008, REQUEST_TIMEOUT, 5.04",
        "4015, UNSUPPORTED_MEDIA_TYPE, 4.15", "4101, SUBSCRIPTION_CREATOR_HAS_NO_PRIVILEGE, 4.03",
        "4102, CONTENTS_UNACCEPTABLE, 4.00", "4103, ORIGINATOR_HAS_NO_PRIVILEGE, 4.03",
        "4104, GROUP_REQUEST_IDENTIFIER_EXISTS, 4.00", "4105, CONFLICT, 4.03",
        "4106, ORIGINATOR_NOT_AUTHENTICATED, 4.03", "4110, GROUP_MEMBER_TYPE_INCONSISTENT, 4.00",
        "4118, ONTOLOGY_NOT_AVAILABLE, 4.04", "4120, INVALID_SEMANTICS, 4.02", "4122, INVALID_TRIGGER_PURPOSE, 4.02",
        "4125, SPECIALIZATION_SCHEMA_NOT_FOUND, 5.01", "4127, OPERATION_DENIED_BY_REMOTE_ENTITY, 4.03",
        "4143, INVALID_SPARQL_QUERY, 4.00", "5000, INTERNAL_SERVER_ERROR, 5.00", "5001, NOT_IMPLEMENTED, 5.01",
        "5103, TARGET_NOT_REACHABLE, 4.04", "5106, ALREADY_EXISTS, 4.00", "5203, TARGET_NOT_SUBSCRIBABLE, 4.03",
        "5206, NON_BLOCKING_SYNCH_REQUEST_NOT_SUPPORTED, 5.01", "5207, NOT_ACCEPTABLE, 4.06",
        "5209, GROUP_MEMBERS_NOT_RESPONDED, 5.00", "5219, UNABLE_TO_REPLACE_REQUEST, 4.00",
        "5222, TRANSACTION_PROCESSING_IS_INCOMPLETE, 4.03", "6003, EXTERNAL_OBJECT_NOT_REACHABLE, 4.04",
        "6010, MAX_NUMBER_OF_MEMBER_EXCEEDED, 4.00", "6020, MGMT_SESSION_CANNOT_BE_ESTABLISHED, 5.00",
        "6029, MGMT_COMMAND_NOT_CANCELLABLE, 4.00", "6030, EXTERNAL_OBJECT_NOT_REACHABLE_BEFORE_RQET_TIMEOUT, 5.04",
        "6031, EXTERNAL_OBJECT_NOT_REACHABLE_BEFORE_OET_TIMEOUT, 5.04"})
    void eachRowMapsToItsCoapCode(int rsc, String name, String coap) {
        assertThat(ResponseStatusCode.toCoap(rsc, Operation.CREATE, false)).isEqualTo(Code.parse(coap));
        assertThat(ResponseStatusCode.name(rsc)).isEqualTo(name);
    }

    @Test
    void okDependsOnTheOperationAndAcceptedAsynchOnTheRequestResource() {
        assertThat(ResponseStatusCode.toCoap(2000, Operation.RETRIEVE, false)).isEqualTo(Code.CONTENT);
        assertThat(ResponseStatusCode.toCoap(2000, Operation.NOTIFY, false)).isEqualTo(Code.CHANGED);
        assertThat(ResponseStatusCode.toCoap(1002, Operation.CREATE, true)).isEqualTo(Code.CREATED);
        assertThat(ResponseStatusCode.toCoap(1002, Operation.CREATE, false)).isEqualTo(Code.CHANGED);
        assertThatThrownBy(() -> ResponseStatusCode.toCoap(1000, Operation.CREATE, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not used");
        assertThatThrownBy(() -> ResponseStatusCode.toCoap(999, Operation.CREATE, false))
                .hasMessageContaining("1000..6999");
    }

    @Test
    void anUnlistedCodeMapsByItsClass() {
        assertThat(ResponseStatusCode.toCoap(4199, Operation.CREATE, false)).isEqualTo(Code.BAD_REQUEST);
        assertThat(ResponseStatusCode.toCoap(5299, Operation.CREATE, false)).isEqualTo(Code.INTERNAL_SERVER_ERROR);
        assertThat(ResponseStatusCode.toCoap(6099, Operation.CREATE, false)).isEqualTo(Code.INTERNAL_SERVER_ERROR);
        assertThat(ResponseStatusCode.name(4199)).isEqualTo("RSC 4199");
    }

    @ParameterizedTest(name = "CoAP {0} after {1} is RSC {2}")
    @CsvSource({"2.01, CREATE, 2001", "2.02, DELETE, 2002", "2.04, UPDATE, 2004", "2.04, NOTIFY, 2000",
        "2.05, RETRIEVE, 2000", "4.00, CREATE, 4000", "4.02, RETRIEVE, 4000", "4.03, RETRIEVE, 4103",
        "4.04, RETRIEVE, 4004", "4.05, DELETE, 4005", "4.06, RETRIEVE, 5207", "4.15, CREATE, 4015",
        "5.00, RETRIEVE, 5000", "5.01, RETRIEVE, 5001", "5.04, RETRIEVE, 4008", "5.03, RETRIEVE, 5000",
        "4.13, CREATE, 4000"})
    void aResponseWithoutRscIsReadFromItsCode(String coap, Operation operation, int rsc) {
        assertThat(ResponseStatusCode.fromCoap(Code.parse(coap), operation)).isEqualTo(rsc);
    }

    @Test
    void everyRscWhoseCodeIsUniqueComesBackFromThatCode() {
        for (int rsc : new int[] {2001, 2002, 2004, 4004, 4005, 4015, 5207}) {
            Operation op = rsc == 2004 ? Operation.UPDATE : Operation.CREATE;
            assertThat(ResponseStatusCode.fromCoap(ResponseStatusCode.toCoap(rsc, op, false), op)).isEqualTo(rsc);
        }
    }
}
