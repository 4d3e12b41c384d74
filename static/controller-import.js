// The controller import page: sends the file with a progress bar (upload share, then
// "processing" while the server checks and writes), and shows the answer's result in place.
// Without JavaScript the form posts as usual.
(function () {
  'use strict';
  function bind() {
    var form = document.querySelector('.controller-import-form');
    if (!form || !window.FormData || !window.XMLHttpRequest) return;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var box = form.querySelector('.import-progress');
      var bar = box.querySelector('progress');
      var label = box.querySelector('label');
      var button = form.querySelector('button[type=submit]');
      box.hidden = false;
      button.disabled = true;
      label.textContent = label.getAttribute('data-uploading');
      bar.value = 0;
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.getAttribute('action'));
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 90);
      });
      xhr.upload.addEventListener('load', function () {
        label.textContent = label.getAttribute('data-processing');
        bar.value = 95;
      });
      xhr.addEventListener('load', function () {
        bar.value = 100;
        var page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
        var main = page.querySelector('main');
        if (!main) { window.location.reload(); return; }
        document.querySelector('main').replaceWith(main);
        bind();
        var summary = document.getElementById('import-summary');
        if (summary) { summary.setAttribute('tabindex', '-1'); summary.focus(); }
      });
      xhr.addEventListener('error', function () { form.submit(); });
      xhr.send(new FormData(form));
    });
  }
  bind();
})();
