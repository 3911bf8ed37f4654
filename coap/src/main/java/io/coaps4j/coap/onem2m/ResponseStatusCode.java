package io.coaps4j.coap.onem2m;

import io.coaps4j.coap.message.Code;
import java.util.HashMap;
import java.util.Map;

/**
 * The oneM2M Response Status Code (RSC) and its CoAP Response Code, TS-0008 V3.9 table 6.2.4-1, both
 * ways. A response always carries the exact RSC in oneM2M-RSC (several RSCs share one CoAP code); the
 * way back from a CoAP code ({@link #fromCoap}) is only for a response without it, e.g. a 4.04 or 4.02
 * from a CoAP layer that never reached oneM2M.
 */
public final class ResponseStatusCode {
    public static final int ACCEPTED = 1000;
    public static final int ACCEPTED_NON_BLOCKING_REQUEST_SYNCH = 1001;
    public static final int ACCEPTED_NON_BLOCKING_REQUEST_ASYNCH = 1002;
    public static final int OK = 2000;
    public static final int CREATED = 2001;
    public static final int DELETED = 2002;
    public static final int UPDATED = 2004;
    public static final int BAD_REQUEST = 4000;
    public static final int RELEASE_VERSION_NOT_SUPPORTED = 4001;
    public static final int NOT_FOUND = 4004;
    public static final int OPERATION_NOT_ALLOWED = 4005;
    public static final int REQUEST_TIMEOUT = 4008;
    public static final int UNSUPPORTED_MEDIA_TYPE = 4015;
    public static final int ORIGINATOR_HAS_NO_PRIVILEGE = 4103;
    public static final int INTERNAL_SERVER_ERROR = 5000;
    public static final int NOT_IMPLEMENTED = 5001;
    public static final int NOT_ACCEPTABLE = 5207;

    private record Row(String name, Code coap) {
    }

    private static final Map<Integer, Row> TABLE = new HashMap<>();

    static {
        // Table 6.2.4-1, in its order. 1000 (not used in CoAP), 1002 and 2000 depend on more than the RSC.
        row(1001, "ACCEPTED_NON_BLOCKING_REQUEST_SYNCH", Code.CREATED);
        row(2001, "CREATED", Code.CREATED);
        row(2002, "DELETED", Code.DELETED);
        row(2004, "UPDATED", Code.CHANGED);
        row(4000, "BAD_REQUEST", Code.BAD_REQUEST);
        row(4001, "RELEASE_VERSION_NOT_SUPPORTED", Code.NOT_IMPLEMENTED);
        row(4004, "NOT_FOUND", Code.NOT_FOUND);
        row(4005, "OPERATION_NOT_ALLOWED", Code.METHOD_NOT_ALLOWED);
        row(4008, "REQUEST_TIMEOUT", Code.GATEWAY_TIMEOUT);
        row(4015, "UNSUPPORTED_MEDIA_TYPE", Code.UNSUPPORTED_CONTENT_FORMAT);
        row(4101, "SUBSCRIPTION_CREATOR_HAS_NO_PRIVILEGE", Code.FORBIDDEN);
        row(4102, "CONTENTS_UNACCEPTABLE", Code.BAD_REQUEST);
        row(4103, "ORIGINATOR_HAS_NO_PRIVILEGE", Code.FORBIDDEN);
        row(4104, "GROUP_REQUEST_IDENTIFIER_EXISTS", Code.BAD_REQUEST);
        row(4105, "CONFLICT", Code.FORBIDDEN);
        row(4106, "ORIGINATOR_NOT_AUTHENTICATED", Code.FORBIDDEN);
        row(4107, "SECURITY_ASSOCIATION_REQUIRED", Code.FORBIDDEN);
        row(4108, "INVALID_CHILD_RESOURCE_TYPE", Code.FORBIDDEN);
        row(4109, "NO_MEMBERS", Code.FORBIDDEN);
        row(4110, "GROUP_MEMBER_TYPE_INCONSISTENT", Code.BAD_REQUEST);
        row(4111, "ESPRIM_UNSUPPORTED_OPTION", Code.FORBIDDEN);
        row(4112, "ESPRIM_UNKNOWN_KEY_ID", Code.FORBIDDEN);
        row(4113, "ESPRIM_UNKNOWN_ORIG_RAND_ID", Code.FORBIDDEN);
        row(4114, "ESPRIM_UNKNOWN_RECV_RAND_ID", Code.FORBIDDEN);
        row(4115, "ESPRIM_BAD_MAC", Code.FORBIDDEN);
        row(4116, "ESPRIM_IMPERSONATION_ERROR", Code.FORBIDDEN);
        row(4117, "ORIGINATOR_HAS_ALREADY_REGISTERED", Code.FORBIDDEN);
        row(4118, "ONTOLOGY_NOT_AVAILABLE", Code.NOT_FOUND);
        row(4119, "LINKED_SEMANTICS_NOT_AVAILABLE", Code.NOT_FOUND);
        row(4120, "INVALID_SEMANTICS", Code.BAD_OPTION);
        row(4121, "MASHUP_MEMBER_NOT_FOUND", Code.NOT_FOUND);
        row(4122, "INVALID_TRIGGER_PURPOSE", Code.BAD_OPTION);
        row(4123, "ILLEGAL_TRANSACTION_STATE_TRANSITION_ATTEMPTED", Code.BAD_REQUEST);
        row(4124, "BLOCKING_SUBSCRIPTION_ALREADY_EXISTS", Code.BAD_REQUEST);
        row(4125, "SPECIALIZATION_SCHEMA_NOT_FOUND", Code.NOT_IMPLEMENTED);
        row(4126, "APP_RULE_VALIDATION_FAILED", Code.FORBIDDEN);
        row(4127, "OPERATION_DENIED_BY_REMOTE_ENTITY", Code.FORBIDDEN);
        row(4143, "INVALID_SPARQL_QUERY", Code.BAD_REQUEST);
        row(5000, "INTERNAL_SERVER_ERROR", Code.INTERNAL_SERVER_ERROR);
        row(5001, "NOT_IMPLEMENTED", Code.NOT_IMPLEMENTED);
        row(5103, "TARGET_NOT_REACHABLE", Code.NOT_FOUND);
        row(5105, "RECEIVER_HAS_NO_PRIVILEGE", Code.FORBIDDEN);
        row(5106, "ALREADY_EXISTS", Code.BAD_REQUEST);
        row(5107, "REMOTE_ENTITY_NOT_REACHABLE", Code.NOT_FOUND);
        row(5203, "TARGET_NOT_SUBSCRIBABLE", Code.FORBIDDEN);
        row(5204, "SUBSCRIPTION_VERIFICATION_INITIATION_FAILED", Code.INTERNAL_SERVER_ERROR);
        row(5205, "SUBSCRIPTION_HOST_HAS_NO_PRIVILEGE", Code.FORBIDDEN);
        row(5206, "NON_BLOCKING_SYNCH_REQUEST_NOT_SUPPORTED", Code.NOT_IMPLEMENTED);
        row(5207, "NOT_ACCEPTABLE", Code.NOT_ACCEPTABLE);
        row(5208, "DISCOVERY_DENIED_BY_IPE", Code.FORBIDDEN);
        row(5209, "GROUP_MEMBERS_NOT_RESPONDED", Code.INTERNAL_SERVER_ERROR);
        row(5210, "ESPRIM_DECRYPTION_ERROR", Code.INTERNAL_SERVER_ERROR);
        row(5211, "ESPRIM_ENCRYPTION_ERROR", Code.INTERNAL_SERVER_ERROR);
        row(5212, "SPARQL_UPDATE_ERROR", Code.INTERNAL_SERVER_ERROR);
        row(5214, "TARGET_HAS_NO_SESSION_CAPABILITY", Code.FORBIDDEN);
        row(5215, "SESSION_IS_ONLINE", Code.FORBIDDEN);
        row(5216, "JOIN_MULTICAST_GROUP_FAILED", Code.INTERNAL_SERVER_ERROR);
        row(5217, "LEAVE_MULTICAST_GROUP_FAILED", Code.INTERNAL_SERVER_ERROR);
        row(5218, "TRIGGERING_DISABLED_FOR_RECIPIENT", Code.FORBIDDEN);
        row(5219, "UNABLE_TO_REPLACE_REQUEST", Code.BAD_REQUEST);
        row(5220, "UNABLE_TO_RECALL_REQUEST", Code.BAD_REQUEST);
        row(5221, "CROSS_RESOURCE_OPERATION_FAILURE", Code.INTERNAL_SERVER_ERROR);
        row(5222, "TRANSACTION_PROCESSING_IS_INCOMPLETE", Code.FORBIDDEN);
        row(6003, "EXTERNAL_OBJECT_NOT_REACHABLE", Code.NOT_FOUND);
        row(6005, "EXTERNAL_OBJECT_NOT_FOUND", Code.NOT_FOUND);
        row(6010, "MAX_NUMBER_OF_MEMBER_EXCEEDED", Code.BAD_REQUEST);
        row(6020, "MGMT_SESSION_CANNOT_BE_ESTABLISHED", Code.INTERNAL_SERVER_ERROR);
        row(6021, "MGMT_SESSION_ESTABLISHMENT_TIMEOUT", Code.INTERNAL_SERVER_ERROR);
        row(6022, "INVALID_CMDTYPE", Code.BAD_REQUEST);
        row(6023, "INVALID_ARGUMENTS", Code.BAD_REQUEST);
        row(6024, "INSUFFICIENT_ARGUMENTS", Code.BAD_REQUEST);
        row(6025, "MGMT_CONVERSION_ERROR", Code.INTERNAL_SERVER_ERROR);
        row(6026, "MGMT_CANCELLATION_FAILED", Code.INTERNAL_SERVER_ERROR);
        row(6028, "ALREADY_COMPLETE", Code.BAD_REQUEST);
        row(6029, "MGMT_COMMAND_NOT_CANCELLABLE", Code.BAD_REQUEST);
        row(6030, "EXTERNAL_OBJECT_NOT_REACHABLE_BEFORE_RQET_TIMEOUT", Code.GATEWAY_TIMEOUT);
        row(6031, "EXTERNAL_OBJECT_NOT_REACHABLE_BEFORE_OET_TIMEOUT", Code.GATEWAY_TIMEOUT);
    }

    private static void row(int rsc, String name, Code coap) {
        TABLE.put(rsc, new Row(name, coap));
    }

    private ResponseStatusCode() {
    }

    /**
     * The CoAP Response Code for {@code rsc} (table 6.2.4-1). OK (2000) is 2.05 Content for a RETRIEVE
     * and 2.04 Changed otherwise (the table names RETRIEVE and NOTIFY); ACCEPTED for
     * nonBlockingRequestAsynch (1002) is 2.01 when a {@code <request>} resource was created
     * ({@code requestResourceCreated}), else 2.04. An RSC the table does not list maps by its class:
     * 1xxx and 2xxx to 2.04, 4xxx to 4.00, 3xxx, 5xxx and 6xxx to 5.00.
     *
     * @throws IllegalArgumentException for ACCEPTED (1000), which the table marks "not used", and for
     *     a value outside 1000..6999
     */
    public static Code toCoap(int rsc, Operation operation, boolean requestResourceCreated) {
        if (rsc == ACCEPTED) {
            throw new IllegalArgumentException("RSC 1000 (ACCEPTED) is not used in the CoAP binding"
                    + " (TS-0008 table 6.2.4-1); use 1001 or 1002");
        }
        if (rsc == OK) {
            return operation == Operation.RETRIEVE ? Code.CONTENT : Code.CHANGED;
        }
        if (rsc == ACCEPTED_NON_BLOCKING_REQUEST_ASYNCH) {
            return requestResourceCreated ? Code.CREATED : Code.CHANGED;
        }
        Row row = TABLE.get(rsc);
        if (row != null) {
            return row.coap();
        }
        return switch (checkRange(rsc) / 1000) {
            case 1, 2 -> Code.CHANGED;
            case 4 -> Code.BAD_REQUEST;
            default -> Code.INTERNAL_SERVER_ERROR;
        };
    }

    /**
     * The RSC for a response that carried none: the table read backwards, where several RSCs share a
     * code the general one (4.00 is BAD_REQUEST, 4.03 ORIGINATOR_HAS_NO_PRIVILEGE, 4.04 NOT_FOUND,
     * 5.00 INTERNAL_SERVER_ERROR, 5.01 NOT_IMPLEMENTED, 5.04 REQUEST_TIMEOUT); 2.04 is OK for a NOTIFY
     * and UPDATED otherwise, 2.01 CREATED, 2.02 DELETED, 2.05 OK; 4.02 (a CoAP-layer Bad Option) is
     * BAD_REQUEST; any other code maps by its class to OK, BAD_REQUEST or INTERNAL_SERVER_ERROR.
     */
    public static int fromCoap(Code code, Operation operation) {
        switch (code.codeClass() * 100 + code.detail()) {
            case 201: return CREATED;
            case 202: return DELETED;
            case 204: return operation == Operation.NOTIFY ? OK : UPDATED;
            case 205: return OK;
            case 403: return ORIGINATOR_HAS_NO_PRIVILEGE;
            case 404: return NOT_FOUND;
            case 405: return OPERATION_NOT_ALLOWED;
            case 406: return NOT_ACCEPTABLE;
            case 415: return UNSUPPORTED_MEDIA_TYPE;
            case 501: return NOT_IMPLEMENTED;
            case 504: return REQUEST_TIMEOUT;
            default: break;
        }
        if (code.codeClass() == 2) {
            return OK;
        }
        return code.codeClass() == 4 ? BAD_REQUEST : INTERNAL_SERVER_ERROR;
    }

    /** The table's name of {@code rsc}, e.g. "NOT_FOUND", or "RSC 4999" when it is not listed. */
    public static String name(int rsc) {
        switch (rsc) {
            case ACCEPTED: return "ACCEPTED";
            case ACCEPTED_NON_BLOCKING_REQUEST_ASYNCH: return "ACCEPTED_NON_BLOCKING_REQUEST_ASYNCH";
            case OK: return "OK";
            default: break;
        }
        Row row = TABLE.get(rsc);
        return row == null ? "RSC " + rsc : row.name();
    }

    /** @throws IllegalArgumentException when {@code rsc} is not 1000..6999 */
    public static int checkRange(int rsc) {
        if (rsc < 1000 || rsc > 6999) {
            throw new IllegalArgumentException("a oneM2M Response Status Code must be 1000..6999, was " + rsc);
        }
        return rsc;
    }
}
