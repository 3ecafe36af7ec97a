// Following a link to a check outlines its figures; following a figure's link outlines its checks.
(function () {
  function relate() {
    document.querySelectorAll('.related').forEach(function (e) { e.classList.remove('related'); });
    var id = decodeURIComponent(location.hash.slice(1));
    var t = id && document.getElementById(id);
    if (!t || !t.dataset.cells) return;
    t.dataset.cells.split(' ').forEach(function (c) {
      var e = document.getElementById(c);
      if (e) e.classList.add('related');
    });
  }
  window.addEventListener('hashchange', relate);
  relate();
  document.documentElement.dataset.script = 'ready';
})();
