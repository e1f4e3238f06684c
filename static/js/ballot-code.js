// A printed slip's QR code carries the ballot code in the address's fragment (#code=…), which the
// browser never sends to the server: fill the code field from it, then drop it from the address bar.
(function () {
  var match = /^#code=([A-Z0-9-]{12,20})$/.exec(window.location.hash);
  var field = document.getElementById("code");
  if (!match || !field) return;
  field.value = match[1];
  history.replaceState(null, "", window.location.pathname + window.location.search);
})();
