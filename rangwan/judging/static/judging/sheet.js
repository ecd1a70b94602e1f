// The score sheet's running total, as the member types.
(function () {
  "use strict";
  var form = document.querySelector("form.sheet");
  var out = document.getElementById("sheet-total");
  if (!form || !out) return;
  function update() {
    var total = 0;
    var complete = true;
    form.querySelectorAll("input.points").forEach(function (input) {
      var value = parseFloat(input.value);
      if (isNaN(value)) { complete = false; return; }
      total += value;
      input.classList.toggle("out-of-range", value < 0 || value > parseFloat(input.dataset.max));
    });
    out.textContent = (Math.round(total * 100) / 100).toString() + (complete ? "" : " …");
  }
  form.addEventListener("input", update);
  update();
})();
