package org.switchboard.admin;

/** One field of a request that cannot be used, and why: part of a 400's body. */
record FieldProblem(String field, String message) {

}
