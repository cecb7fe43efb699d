package org.provincial.reporting.web;

/** The answer to a launch, restart or stop: the execution it concerns. */
record Launched(long id) {
}
