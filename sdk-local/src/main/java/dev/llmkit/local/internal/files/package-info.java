/**
 * The on-disk format of the local file store: file ids and the metadata sidecar written next to
 * each content file ({@code service.LocalFileStore} implements the file service on top). Not API.
 */
@NullMarked
package dev.llmkit.local.internal.files;

import org.jspecify.annotations.NullMarked;
