/**
 * Updates from the operators' signed channel ({@code docs/contracts/update-channel.md}): the manifest and its
 * SM2/SM3 signature, the rollout, downloads that resume into a staging folder, and the installers for
 * configuration, catalog and application releases (two application slots, the launcher that falls back to
 * the previous slot when a new one does not come up healthy). See docs/updates.md.
 */
package org.tongban.kiosk.update;
