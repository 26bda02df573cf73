// Package media inspects media files the way WhatsApp sees them: the sniffed
// MIME type, the container, the tracks and codecs of MP4 and 3GPP files, the
// codec of OGG audio, and the dimensions of images and stickers. It reads
// through an io.ReaderAt with bounded work, so a caller can hand over a file,
// a range-fetched remote object or a browser File, and hostile input costs
// bounded time and memory.
package media
