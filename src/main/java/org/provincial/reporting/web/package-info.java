/**
 * The web application of {@code serve}: the pages for staff and clerks and the JSON API.
 */
package org.provincial.reporting.web;
