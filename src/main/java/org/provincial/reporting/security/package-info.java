/**
 * Accounts, roles, sessions, API tokens, the login throttle and the audit log of the web application.
 */
package org.provincial.reporting.security;
