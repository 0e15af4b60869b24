/**
 * The terminal's links to the outside (the platform, the update channel): which URLs may be spoken to in clear,
 * which TLS certificates are trusted, and the deadline and size cap every remote call is held to
 * (docs/adr/0013-transport-and-trust.md).
 */
package org.tongban.kiosk.transport;
