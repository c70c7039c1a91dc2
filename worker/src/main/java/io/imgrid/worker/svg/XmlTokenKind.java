package io.imgrid.worker.svg;

/** The tokens {@link XmlTokenizer} recognises; everything else is a syntax error. */
enum XmlTokenKind {
  TEXT,
  START_TAG,
  END_TAG,
  COMMENT,
  CDATA,
  DOCTYPE,
  PROC_INST
}
