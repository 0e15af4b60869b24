package org.tongban.kiosk;
final class Placeholder {}
