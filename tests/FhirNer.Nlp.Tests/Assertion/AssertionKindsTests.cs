using FhirNer.Nlp.Assertion;

namespace FhirNer.Nlp.Tests.Assertion;

/// <summary>
/// Each kind of misreading the assertion issue names, with its right answer under the CANTEMIST
/// assertion guideline (../shared/cantemist/assertion/README.md), through the shipped rules and classifier.
/// </summary>
public sealed class AssertionKindsTests
{
    private static readonly AssertionDetector Detector = new();

    [Theory]
    // The review page example, mention by mention.
    [InlineData("Mujer de 58 años con antecedentes familiares de [[cáncer de mama]] (madre).", AssertionStatus.Other)]
    [InlineData("Se realiza biopsia de nódulo mamario izquierdo con diagnóstico de [[carcinoma ductal infiltrante grado 2]], RE y RP negativos, HER2 positivo.", AssertionStatus.Affirmed)]
    [InlineData("En la TC no se observan [[metástasis hepáticas]].", AssertionStatus.Negated)]
    [InlineData("Se objetiva lesión ósea sugestiva de [[metástasis]], a descartar mediante gammagrafía.", AssertionStatus.Uncertain)]
    [InlineData("Los [[tumores phyllodes]] son infrecuentes.", AssertionStatus.Other)]
    // 1. A negative property after the tumour is the tumour's property.
    [InlineData("[[Carcinoma ductal infiltrante de mama]], receptores hormonales negativos y HER2 negativo.", AssertionStatus.Affirmed)]
    [InlineData("[[Adenocarcinoma de pulmón]], EGFR negativo.", AssertionStatus.Affirmed)]
    [InlineData("[[Carcinoma de mama]] HER2 negativo.", AssertionStatus.Affirmed)]
    [InlineData("[[Adenocarcinoma de pulmón]] EGFR negativo y ALK negativo.", AssertionStatus.Affirmed)]
    [InlineData("[[Linfoma B difuso de célula grande]] CD20 negativo.", AssertionStatus.Affirmed)]
    [InlineData("Serología VIH negativa. [[Carcinoma epidermoide]] de cérvix.", AssertionStatus.Affirmed)]
    // 2. Negation does not run across a new clause.
    [InlineData("Se resecan 14 ganglios, todos libres de tumor, y en la axila contralateral una [[metástasis ganglionar]].", AssertionStatus.Affirmed)]
    [InlineData("Bordes quirúrgicos sin afectación: [[carcinoma urotelial de alto grado]].", AssertionStatus.Affirmed)]
    [InlineData("Varón sin antecedentes de interés al que se diagnostica un [[linfoma]].", AssertionStatus.Affirmed)]
    [InlineData("Sin variación de las adenopatías ni de las [[metástasis pulmonares]].", AssertionStatus.Affirmed)]
    // 3. A response is not a negation: the patient had them.
    [InlineData("Tras la quimioterapia se constata la desaparición de los [[implantes peritoneales]].", AssertionStatus.Affirmed)]
    [InlineData("Se procede a retirar el [[tumor]] en bloque junto con el colon transverso.", AssertionStatus.Affirmed)]
    [InlineData("Se realiza retirada completa del [[melanoma]] con márgenes de 2 cm.", AssertionStatus.Affirmed)]
    // 4. A negated list runs past the reach of its trigger.
    [InlineData("No se observan adenopatías, derrame pleural, masas suprarrenales, lesiones líticas o [[metástasis hepáticas]].", AssertionStatus.Negated)]
    [InlineData("Ni la TC ni la RM muestran [[metástasis]].", AssertionStatus.Negated)]
    // 5. Doubt.
    [InlineData("Masa retroperitoneal: [[schwannoma]] frente a tumor fibroso.", AssertionStatus.Uncertain)]
    [InlineData("Masa retroperitoneal: schwannoma frente a [[tumor fibroso]].", AssertionStatus.Uncertain)]
    [InlineData("Lesión ósea sugerente de [[metástasis]].", AssertionStatus.Uncertain)]
    [InlineData("Adenopatías que cabría atribuirlas a un [[linfoma]].", AssertionStatus.Uncertain)]
    [InlineData("[[Trombo tumoral]] o trombosis blanda en la vena renal.", AssertionStatus.Uncertain)]
    [InlineData("Gammagrafía ósea: no se objetivan lesiones sugerentes de [[metástasis]].", AssertionStatus.Negated)]
    [InlineData("Biopsia de la adenopatía compatible con [[metástasis de adenocarcinoma]].", AssertionStatus.Affirmed)]
    [InlineData("TC: imagen nodular compatible con [[metástasis]] hepática.", AssertionStatus.Uncertain)]
    [InlineData("Hallazgos que no permiten excluir un [[tumor de células germinales]].", AssertionStatus.Uncertain)]
    [InlineData("No es posible descartar infiltración por [[linfoma]] en la médula ósea.", AssertionStatus.Uncertain)]
    [InlineData("[[Masa renal]] sospechosa de carcinoma de células claras.", AssertionStatus.Affirmed)]
    [InlineData("En la TC se aprecia una [[lesión dudosa en el lóbulo hepático]] izquierdo.", AssertionStatus.Uncertain)]
    [InlineData("Se plantea la opción de astrocitoma vs. [[glioma de alto grado]].", AssertionStatus.Uncertain)]
    [InlineData("PET-TC: captación patológica con SUVmáx 4,8, compatible con [[metástasis]] vertebral.", AssertionStatus.Uncertain)]
    // 6. No one's, or someone else's far from the cue.
    [InlineData("Los [[sarcomas de Kaposi]] son raros fuera del contexto de la infección por VIH.", AssertionStatus.Other)]
    [InlineData("La clasificación de la OMS de los [[tumores del sistema nervioso central]] distingue cuatro grados.", AssertionStatus.Other)]
    [InlineData("En ensayos con pacientes con [[melanoma avanzado]], la mediana de supervivencia fue de 12 meses.", AssertionStatus.Other)]
    [InlineData("Su hermano mayor, al que trataron hace años con radioterapia en otro centro, murió de un [[linfoma]].", AssertionStatus.Other)]
    // 7. Someone else's scope stops at the patient, and a companion is not the subject.
    [InlineData("Madre con [[carcinoma de mama]] y paciente con melanoma.", AssertionStatus.Other)]
    [InlineData("Madre con carcinoma de mama y paciente con [[melanoma]].", AssertionStatus.Affirmed)]
    [InlineData("Acude acompañada de su hija, presenta un [[carcinoma ductal]].", AssertionStatus.Affirmed)]
    [InlineData("El tío paterno, fumador importante durante décadas y sin seguimiento médico, presentó un [[cáncer de pulmón]].", AssertionStatus.Other)]
    [InlineData("Antecedentes familiares: tía paterna: [[adenocarcinoma]] de endometrio.", AssertionStatus.Other)]
    // 9. Doubt about a tumour's response, origin or resectability is not doubt that it exists; a tumour adjective after the attribute is.
    [InlineData("PET: probable respuesta completa de las [[metástasis pulmonares]].", AssertionStatus.Affirmed)]
    [InlineData("Se solicita PET para valorar la resecabilidad del [[tumor]] primario.", AssertionStatus.Affirmed)]
    [InlineData("Biopsia: [[metástasis de carcinoma]] de probable origen mamario.", AssertionStatus.Affirmed)]
    [InlineData("Empeoramiento en relación con probable progresión [[tumoral]].", AssertionStatus.Uncertain)]
    [InlineData("Adenopatías retroperitoneales de probable origen [[metastásico]].", AssertionStatus.Uncertain)]
    // 8. "Sí" (yes) is not "si" (if).
    [InlineData("No se observan metástasis hepáticas. Sí se observan [[metástasis óseas]] en columna dorsal.", AssertionStatus.Affirmed)]
    // A negated exclusion is doubt ("no se excluye": it cannot be ruled out), not a negation by "excluye".
    [InlineData("Lesión lítica en D8, aunque no se excluye [[metástasis]], se solicita biopsia.", AssertionStatus.Uncertain)]
    [InlineData("Con los hallazgos actuales no se excluyen [[metástasis hepáticas]].", AssertionStatus.Uncertain)]
    [InlineData("En la RM previa no se excluyó un [[meningioma]] parasagital.", AssertionStatus.Uncertain)]
    // A tester's sentences (round 21): a person's clause after "y" does not reach back to the patient's tumour.
    [InlineData("El paciente ha sido diagnosticado de un [[carcinoma de pulmón]] y su hermana tuvo un linfoma.", AssertionStatus.Affirmed)]
    [InlineData("El paciente ha sido diagnosticado de un carcinoma de pulmón y su hermana tuvo un [[linfoma]].", AssertionStatus.Other)]
    // Round 22: a general statement whose type leaves its organ out of the mention ("de mama").
    [InlineData("Los [[carcinomas]] de mama son frecuentes y la paciente presenta un carcinoma ductal infiltrante.", AssertionStatus.Other)]
    [InlineData("Los carcinomas de mama son frecuentes y la paciente presenta un [[carcinoma ductal infiltrante]].", AssertionStatus.Affirmed)]
    [InlineData("El [[carcinoma]] de tiroides presenta metástasis ganglionares.", AssertionStatus.Affirmed)]
    // Certainty is not negation.
    [InlineData("No hay duda de que se trata de un [[carcinoma epidermoide]].", AssertionStatus.Affirmed)]
    [InlineData("Sin duda se trata de un [[carcinoma epidermoide]].", AssertionStatus.Affirmed)]
    // A risk with its adjective, "de confirmarse", early detection: hypothetical.
    [InlineData("Portadora de mutación BRCA1, con riesgo aumentado de [[cáncer de mama]] y ovario.", AssertionStatus.Hypothetical)]
    [InlineData("Presenta un riesgo elevado de desarrollar un segundo [[tumor]].", AssertionStatus.Hypothetical)]
    [InlineData("Se explica a la paciente que, de confirmarse un [[carcinoma]], precisaría mastectomía.", AssertionStatus.Hypothetical)]
    [InlineData("Se recomienda mamografía anual para la detección precoz del [[cáncer de mama]].", AssertionStatus.Hypothetical)]
    // A tester's (round 23): a finding and its answer on either side of a colon, as report templates write them.
    [InlineData("Carcinoma ductal infiltrante de mama. [[Metástasis hepáticas]]: ausentes.", AssertionStatus.Negated)]
    [InlineData("[[Metástasis hepáticas]]: no se observan.", AssertionStatus.Negated)]
    [InlineData("No se observan: [[metástasis hepáticas]]", AssertionStatus.Negated)]
    [InlineData("No presenta: [[metástasis]] ni recidiva.", AssertionStatus.Negated)]
    [InlineData("[[Metástasis hepáticas]]: presentes.", AssertionStatus.Affirmed)]
    // A tester's synoptic pathology report: a count of zero negates; "no identificado" answers as "no se observa" does.
    [InlineData("Ganglios linfáticos: 0/12 con [[metástasis]].", AssertionStatus.Negated)]
    [InlineData("Se aislaron 0 de 14 ganglios con [[metástasis]].", AssertionStatus.Negated)]
    [InlineData("[[Metástasis]] ganglionares: 0/12.", AssertionStatus.Negated)]
    [InlineData("Ganglios linfáticos: 2/14 con [[metástasis]].", AssertionStatus.Affirmed)]
    [InlineData("Ganglios: 10/12 con [[metástasis]].", AssertionStatus.Affirmed)]
    [InlineData("[[Metástasis]] ganglionares: 3/12.", AssertionStatus.Affirmed)]
    [InlineData("Estadio pT2N0 (0/12). [[Carcinoma]] de mama.", AssertionStatus.Affirmed)]
    [InlineData("Componente de [[carcinoma lobulillar]]: no identificado.", AssertionStatus.Negated)]
    // The same answers in a table row's next cell (the HTML reduction puts a tab between cells).
    [InlineData("[[Metástasis]] óseas\tNegativo", AssertionStatus.Negated)]
    [InlineData("Recidiva [[tumoral]]\tno se observa", AssertionStatus.Negated)]
    [InlineData("[[Metástasis]]\tSí", AssertionStatus.Affirmed)]
    [InlineData("[[Metástasis]] hepáticas\tno valorables", AssertionStatus.Uncertain)]
    // A second tester's: the answer after a bracket, a dash or "=", or an answering adjective with no mark; an answer of "no"
    // settles the doubt its heading asked; an open answer (not assessable, pending a test) is doubt; a marker's or a
    // relative's answer is not the tumour's.
    [InlineData("Carcinoma ductal infiltrante de mama. [[Metástasis]] hepáticas (ausentes).", AssertionStatus.Negated)]
    [InlineData("Carcinoma ductal infiltrante de mama. [[Metástasis]] hepáticas - ausentes.", AssertionStatus.Negated)]
    [InlineData("Carcinoma ductal infiltrante de mama. [[Metástasis]] hepáticas – ausentes.", AssertionStatus.Negated)]
    [InlineData("Carcinoma ductal infiltrante de mama. [[Metástasis]] hepáticas ausentes.", AssertionStatus.Negated)]
    [InlineData("[[Metástasis]] hepáticas = no.", AssertionStatus.Negated)]
    [InlineData("Sospecha de [[metástasis]]: no.", AssertionStatus.Negated)]
    [InlineData("[[Metástasis]] hepáticas: no valorables.", AssertionStatus.Uncertain)]
    [InlineData("[[Metástasis]] óseas: pendiente de gammagrafía.", AssertionStatus.Uncertain)]
    [InlineData("[[Metástasis]] a distancia: indeterminadas.", AssertionStatus.Uncertain)]
    [InlineData("[[Adenocarcinoma de colon]]: pendiente de cirugía.", AssertionStatus.Affirmed)]
    [InlineData("Diagnóstico: [[carcinoma ductal infiltrante]]. Márgenes: no valorables.", AssertionStatus.Affirmed)]
    [InlineData("[[Carcinoma ductal infiltrante]] de mama HER2 negativo.", AssertionStatus.Affirmed)]
    [InlineData("[[Adenocarcinoma]] de pulmón (EGFR negativo).", AssertionStatus.Affirmed)]
    [InlineData("[[Carcinoma]] de mama - RE negativo.", AssertionStatus.Affirmed)]
    [InlineData("Antecedentes familiares de [[cáncer]]: no.", AssertionStatus.Other)]
    [InlineData("Lobectomía por [[Adenocarcinoma]] pulmonar pT2pN0 (0/8) M0.", AssertionStatus.Affirmed)]
    // A third tester's, against the rules above: a pain score or performance status is no node count; a diagnosis's nodes,
    // margins or property answered no, or a diagnosis waiting for a further test, is still the patient's; zero nodes after "en".
    [InlineData("Dolor EVA 0/10 en relación con [[metástasis óseas]].", AssertionStatus.Affirmed)]
    [InlineData("ECOG 0/1 a pesar de [[metástasis hepáticas]] múltiples.", AssertionStatus.Affirmed)]
    [InlineData("[[Carcinoma ductal infiltrante]]: 0 de 2 ganglios centinela afectos.", AssertionStatus.Affirmed)]
    [InlineData("[[Adenocarcinoma de colon]]: 0/18 ganglios aislados.", AssertionStatus.Affirmed)]
    [InlineData("[[Tumor]]: 0/3 márgenes afectos.", AssertionStatus.Affirmed)]
    [InlineData("[[Melanoma]] con ulceración: no.", AssertionStatus.Affirmed)]
    [InlineData("[[Adenocarcinoma de colon]] con invasión linfovascular: ausente.", AssertionStatus.Affirmed)]
    [InlineData("[[Carcinoma ductal infiltrante]]: pendiente de estudio inmunohistoquímico.", AssertionStatus.Affirmed)]
    [InlineData("[[Adenocarcinoma de pulmón]] EGFR: desconocido.", AssertionStatus.Affirmed)]
    [InlineData("[[Metástasis hepáticas]] de origen: desconocido.", AssertionStatus.Affirmed)]
    [InlineData("[[Melanoma nodular]] Breslow: no valorable.", AssertionStatus.Affirmed)]
    [InlineData("[[Micrometástasis]] en 0/2 ganglios centinela.", AssertionStatus.Negated)]
    // A bare zero as the whole answer, a bracketed remark after the answer.
    [InlineData("[[Metástasis pulmonares]]: 0.", AssertionStatus.Negated)]
    [InlineData("[[Metástasis ganglionares]]: 0/15 (pN0). Adenocarcinoma de colon pT3.", AssertionStatus.Negated)]
    [InlineData("[[Metástasis hepáticas]]: no (ver informe previo).", AssertionStatus.Negated)]
    [InlineData("[[Metástasis hepáticas]]: no valorables (artefacto).", AssertionStatus.Uncertain)]
    [InlineData("[[Metástasis pulmonares]]: 0,5 cm.", AssertionStatus.Affirmed)]
    [InlineData("[[Metástasis pulmonares]]: 2 nódulos nuevos.", AssertionStatus.Affirmed)]
    // A header table as the HTML reduction pairs it: the answer belongs to its own field.
    [InlineData("Diagnóstico: [[Carcinoma ductal infiltrante de mama]]\tMetástasis: No", AssertionStatus.Affirmed)]
    [InlineData("Diagnóstico: Carcinoma ductal infiltrante de mama\t[[Metástasis]]: No", AssertionStatus.Negated)]
    [InlineData("[[Metástasis]] hepáticas: no valorables por artefacto de movimiento.", AssertionStatus.Uncertain)]
    [InlineData("[[METÁSTASIS]] HEPÁTICAS: NO.", AssertionStatus.Negated)]
    [InlineData("[[Carcinoma ductal infiltrante]] de mama con invasión vascular ausente.", AssertionStatus.Affirmed)]
    [InlineData("[[Adenocarcinoma de colon]], invasión perineural ausente.", AssertionStatus.Affirmed)]
    public void GivenAKindOfMisreading_WhenJudged_ThenTheGuidelineStatus(string marked, AssertionStatus expected)
    {
        var (text, start, end) = Marked.Unmark(marked);

        Detector.Judge(text, [(start, end)], tumours: true)[0].Status.Should().Be(expected, "of \"{0}\"", marked);
    }

    /// <summary>Kinds read from the tuning notes' cross-validated errors (train and dev1 only), as made-up sentences.</summary>
    [Theory]
    // What a negation withholds is a treatment, not the tumour it is for.
    [InlineData("No precisó tratamiento complementario para la [[neoplasia]] vesical.", AssertionStatus.Affirmed)]
    [InlineData("Se decide no administrar quimioterapia adyuvante dado el bajo grado del [[tumor]].", AssertionStatus.Affirmed)]
    [InlineData("No se observan signos de [[recidiva tumoral]].", AssertionStatus.Negated)]
    // A TNM stage is the tumour's staging, whatever it says of nodes.
    [InlineData("Márgenes quirúrgicos libres de tumor, [[pT1bN0M0]].", AssertionStatus.Affirmed)]
    [InlineData("Sin metástasis en 12 ganglios aislados, estadio pT2, N0, [[Mx]].", AssertionStatus.Affirmed)]
    // "Origen desconocido" names a diagnosis; an unknown marker is the tumour's property.
    [InlineData("Segunda línea de tratamiento en los [[tumores de origen desconocido]].", AssertionStatus.Other)]
    [InlineData("Paciente con [[carcinoma de origen desconocido]] en seguimiento.", AssertionStatus.Affirmed)]
    [InlineData("[[Adenocarcinoma de pulmón estadio IV]] EGFR/ALK desconocido.", AssertionStatus.Affirmed)]
    [InlineData("[[Nódulo pulmonar]] de significado desconocido.", AssertionStatus.Uncertain)]
    // A pathology result or a confirmation answers the doubt before it; a planned procedure does not.
    [InlineData("Pólipo de aspecto sospechoso que se reseca (anatomía patológica: [[adenocarcinoma]] infiltrante).", AssertionStatus.Affirmed)]
    [InlineData("Nódulos compatibles con letálides que se confirman por punch ([[metástasis de carcinoma]] de mama).", AssertionStatus.Affirmed)]
    [InlineData("Remitida para biopsia de lesión compatible con [[melanoma]].", AssertionStatus.Uncertain)]
    [InlineData("Alta sospecha, pendiente de biopsia, de un [[linfoma]] de alto grado.", AssertionStatus.Uncertain)]
    [InlineData("Se realizaron dos resecciones pulmonares, ambas compatibles con [[metástasis de sarcoma]].", AssertionStatus.Affirmed)]
    // A differential diagnosis lists whole alternatives.
    [InlineData("Se planteó el diagnóstico diferencial entre una neoplasia primaria, afectación por [[linfoma]] y un proceso inflamatorio.", AssertionStatus.Uncertain)]
    [InlineData("Ante la disyuntiva de ser un segundo [[tumor]] primario o una metástasis, se realiza biopsia.", AssertionStatus.Uncertain)]
    // General statements: the literature's figures, markers of a type, a family's aggregation; a count of the patient's nodules is not one.
    [InlineData("Crecimiento de la mayoría de los [[nódulos pulmonares]].", AssertionStatus.Affirmed)]
    [InlineData("En la mayoría de los [[tumores]] de este tipo la supervivencia es alta.", AssertionStatus.Other)]
    [InlineData("La supervivencia a 5 años es del 10% en [[carcinomas anaplásicos]] de tiroides.", AssertionStatus.Other)]
    [InlineData("La negatividad para marcadores de [[carcinoma]] renal orientó el diagnóstico.", AssertionStatus.Other)]
    [InlineData("Familia con agregación de [[cáncer]] de mama.", AssertionStatus.Other)]
    // Risks a plan manages are hypothetical; plural impressions negated; immunoreactivity is not a differential; attributes of listed tumours.
    [InlineData("Medidas de control de riesgos de [[cáncer]] de ovario.", AssertionStatus.Hypothetical)]
    [InlineData("Adenopatías hiliares no sugestivas de [[malignidad]].", AssertionStatus.Negated)]
    [InlineData("Las [[células tumorales]] muestran inmunorreactividad frente a calretinina.", AssertionStatus.Affirmed)]
    [InlineData("Probable respuesta completa de la afectación ganglionar y de las [[metástasis]] pulmonares.", AssertionStatus.Affirmed)]
    [InlineData("RM: masa orbitaria compatible en primer lugar con lesión [[metastásica]].", AssertionStatus.Uncertain)]
    // From the extra train labels' cross-validated errors (tools/assertion/labels): stages, rule-outs that came back negative,
    // treatments and assessments, known tumours, marker panels, family after the tumour, lists, populations and pathways.
    [InlineData("Gammagrafía ósea: no [[M1]].", AssertionStatus.Negated)]
    [InlineData("La RM descartaba [[metástasis]] cerebrales o afectación leptomeníngea.", AssertionStatus.Negated)]
    [InlineData("Sin signos de posible extensión [[tumoral]] local.", AssertionStatus.Negated)]
    [InlineData("Radioterapia hemostática sobre el tumor primario no intervenido con [[linitis plástica]].", AssertionStatus.Affirmed)]
    [InlineData("Se comenta en comité para valorar radioterapia sobre la [[tumoración]] primaria.", AssertionStatus.Affirmed)]
    [InlineData("Masa pulmonar en relación con [[adenocarcinoma]] pulmonar conocido.", AssertionStatus.Affirmed)]
    [InlineData("Negativas para S100, CD30 y CK7, todo ello compatible con [[tumor maligno de la vaina nerviosa periférica]].", AssertionStatus.Affirmed)]
    [InlineData("Anatomopatológicamente, la lesión fue compatible con [[tumor germinal regresado]].", AssertionStatus.Affirmed)]
    [InlineData("TC y PET: captación compatible con [[metástasis]] ósea.", AssertionStatus.Uncertain)]
    [InlineData("Se realizó colonoscopia para descartar patología [[tumoral]] primaria, que fue normal.", AssertionStatus.Negated)]
    [InlineData("Gammagrafía ante la posibilidad de recidiva [[metastásica]] ósea, obteniéndose un resultado negativo.", AssertionStatus.Negated)]
    [InlineData("Han sido diagnosticadas de [[cáncer]] de mama dos hermanas de la paciente.", AssertionStatus.Other)]
    [InlineData("Con estudio de extensión negativo para adenopatías y [[metástasis]], se establece el diagnóstico.", AssertionStatus.Negated)]
    [InlineData("No tiene áreas inmaduras o componente [[neoplásico maligno]].", AssertionStatus.Negated)]
    [InlineData("Ensayo en una población seleccionada de pacientes no fumadores con [[CPNM]] avanzado.", AssertionStatus.Other)]
    [InlineData("Se activa la vía rápida de [[cáncer]] de pulmón.", AssertionStatus.Other)]
    [InlineData("Cumple criterios de predisposición hereditaria al [[cáncer]] de mama.", AssertionStatus.Other)]
    [InlineData("La anatomía patológica apuntaba a un [[tumor carcinoide]] típico.", AssertionStatus.Uncertain)]
    [InlineData("Dado el contexto, hay que pensar en proceso [[tumoral]].", AssertionStatus.Uncertain)]
    [InlineData("Zonas hipercaptantes susceptibles de origen [[metastásico]] en suprarrenal.", AssertionStatus.Uncertain)]
    [InlineData("En función de la presencia de [[tumor]] residual se planteará cirugía.", AssertionStatus.Hypothetical)]
    [InlineData("No refería antecedentes de [[cáncer]] en la familia.", AssertionStatus.Other)]
    [InlineData("Sospecha no confirmada de [[recaída pulmonar]] en lóbulo inferior.", AssertionStatus.Uncertain)]
    [InlineData("La eficacia de segundas líneas en estos subtipos [[tumorales]] es escasa.", AssertionStatus.Other)]
    [InlineData("Es un evento poco frecuente en los [[sarcomas de Ewing]] en primera línea.", AssertionStatus.Other)]
    [InlineData("Masa polilobulada compatible también con proceso [[neoplásico]].", AssertionStatus.Uncertain)]
    // From the 200 notes of labels-train-extra2.tsv: stages after a property, negations inside brackets, negated attributes of a
    // tumour, withheld transplants, gene status, imaging without contrast, lists joined by "y" or "o".
    [InlineData("Adenocarcinoma gástrico estadio III (T3 N2 [[M0]]) HER2 negativo.", AssertionStatus.Affirmed)]
    [InlineData("pT1 (limitado al testículo sin invasión linfática ni vascular) N3 M1b ([[metástasis]] hepáticas).", AssertionStatus.Affirmed)]
    [InlineData("Sin aparición de lesiones nuevas ni progresión de los [[quistes odontogénicos]].", AssertionStatus.Affirmed)]
    // A recurrence ruled out is negated since round 19 (6 of 8 tuning mentions); a reduction that did not happen is not.
    [InlineData("Controles sin evidencia de recidiva de la [[neoplasia]] hasta la actualidad.", AssertionStatus.Negated)]
    [InlineData("Tras dos ciclos, sin reducción de la [[neoplasia]] en la TC.", AssertionStatus.Affirmed)]
    [InlineData("Se desestima trasplante hepático por presencia de [[metástasis]] óseas.", AssertionStatus.Affirmed)]
    [InlineData("La biopsia revela melanoma BRAF no mutado con [[células tumorales]] en el 50 %.", AssertionStatus.Affirmed)]
    [InlineData("Se realiza TC craneal sin contraste que objetiva [[lesión temporoparietal]] derecha.", AssertionStatus.Affirmed)]
    [InlineData("No se identifican realces leptomeníngeos, aunque no descartable la posibilidad de [[carcinomatosis]] leptomeníngea.", AssertionStatus.Uncertain)]
    [InlineData("Con desaparición de [[LOE hepática]] y disminución de la masa suprarrenal.", AssertionStatus.Affirmed)]
    [InlineData("Ganglios sin signos de malignidad y depósitos [[tumorales]] en la grasa perivisceral.", AssertionStatus.Affirmed)]
    // Unsafe kinds of the tuning notes: rule-outs by "descartarse", protocols and trials, a spouse, a generic subject with adjectives.
    [InlineData("Tras descartarse en TC de extensión [[enfermedad a distancia]], se interviene a la paciente.", AssertionStatus.Negated)]
    [InlineData("Descartadas causas isquémicas, [[tumorales]] e infecciosas, se propuso una causa tóxica.", AssertionStatus.Negated)]
    [InlineData("La PET descartaba recaída y segundas [[neoplasias]].", AssertionStatus.Negated)]
    [InlineData("Tratada con el protocolo de quimioterapia para [[leucemia linfoblástica aguda]] de alto riesgo.", AssertionStatus.Other)]
    [InlineData("Se propone inclusión en ensayo clínico de tratamiento adyuvante para [[melanoma]] de alto riesgo.", AssertionStatus.Other)]
    [InlineData("Tras 8 meses dentro del ensayo clínico, progresó a nivel del [[implante subcarinal]].", AssertionStatus.Affirmed)]
    [InlineData("Marido fallecido por [[cáncer]] de páncreas en 2013.", AssertionStatus.Other)]
    [InlineData("Los [[angiosarcomas]] cutáneos son neoplasias raras del anciano.", AssertionStatus.Other)]
    [InlineData("Anamnesis\nLos [[angiosarcomas]] cutáneos son neoplasias raras del anciano.", AssertionStatus.Other)]
    // A newcomer's made-up sentences: "no pudiendo excluirse", the first of two alternatives, epidemiology of a type.
    [InlineData("Nódulo pulmonar de características indeterminadas, no pudiendo excluirse [[metástasis]].", AssertionStatus.Uncertain)]
    [InlineData("Nódulo tiroideo: [[adenoma folicular]] frente a carcinoma folicular.", AssertionStatus.Uncertain)]
    [InlineData("Masa renal: [[oncocitoma]] vs carcinoma cromófobo.", AssertionStatus.Uncertain)]
    [InlineData("La incidencia del [[cáncer colorrectal]] aumenta a partir de los 50 años.", AssertionStatus.Other)]
    // From the last round: what findings do not allow ruling out, withheld resections, suspended treatments, a relative named after
    // the tumour or as its possessor, pathology negatives without "para", what a type usually is (and a diagnosis that is not that).
    [InlineData("Derrame pleural de morfología irregular que no permite descartar la presencia de [[implantes pleurales]].", AssertionStatus.Uncertain)]
    [InlineData("Lesión focal hepática que no se puede caracterizar, sin excluir [[metástasis]].", AssertionStatus.Uncertain)]
    [InlineData("Infiltraba el nervio vago, no pudiéndose resecar completamente el [[tumor]].", AssertionStatus.Affirmed)]
    [InlineData("La TC no muestra cambios importantes en el tamaño de la [[neoplasia]] pancreática.", AssertionStatus.Affirmed)]
    [InlineData("El interferón se suspendió a los tres meses por aparición de [[lesiones cutáneas]] nuevas.", AssertionStatus.Affirmed)]
    [InlineData("Salvo un [[adenocarcinoma]] de próstata a los 70 años en su padre, no hay otros antecedentes.", AssertionStatus.Other)]
    [InlineData("La madre del paciente falleció a los 38 años por un [[timoma]].", AssertionStatus.Other)]
    [InlineData("Dado el antecedente paterno de [[cáncer]] de colon, se deriva a Digestivo.", AssertionStatus.Other)]
    [InlineData("Citologías de cepillado bronquial negativas de [[malignidad]].", AssertionStatus.Negated)]
    [InlineData("El carcinoma de células de Merkel es un [[tumor neuroendocrino cutáneo]] agresivo.", AssertionStatus.Other)]
    [InlineData("Normalmente es un [[tumor]] con un curso indolente.", AssertionStatus.Other)]
    [InlineData("El carcinoma es un [[adenocarcinoma]] moderadamente diferenciado.", AssertionStatus.Affirmed)]
    // Round 7 (labels-dev1-extra2's errors): a pathology conclusion in its own sentence, and not after imaging; a negative
    // molecular test for a type; no progression of "su enfermedad"; first options and suspicious findings named before the doubt.
    [InlineData("La inmunohistoquímica muestra positividad para desmina y un Ki-67 del 20 %. Todo ello compatible con [[rabdomiosarcoma]].", AssertionStatus.Affirmed)]
    [InlineData("Anatomía patológica: positivo para células malignas. Compatible con [[carcinoma epidermoide]].", AssertionStatus.Affirmed)]
    [InlineData("La TC muestra una masa de 4 cm con realce periférico. Todo ello compatible con [[metástasis]].", AssertionStatus.Uncertain)]
    [InlineData("El estudio con FISH para [[sarcoma de Ewing]] (EWS) y sarcoma sinovial (SYT) son negativos.", AssertionStatus.Negated)]
    [InlineData("Permanece sin progresión de su enfermedad [[neoplásica]] hasta la fecha.", AssertionStatus.Affirmed)]
    [InlineData("Origen [[tumoral]] como primera posibilidad diagnóstica.", AssertionStatus.Uncertain)]
    [InlineData("La PET muestra [[lesiones en partes blandas]] sospechosas.", AssertionStatus.Uncertain)]
    [InlineData("En la piel del tórax, una lesión de apariencia [[tumoral]] y sangrante.", AssertionStatus.Uncertain)]
    [InlineData("Engrosamiento de septos, sugestivo de diseminación broncovascular y linfática [[metastásica]].", AssertionStatus.Uncertain)]
    [InlineData("Hígado con nódulos hipodensos que sugerían [[enfermedad secundaria]] y afectaban ambos lóbulos.", AssertionStatus.Uncertain)]
    [InlineData("Masa de 5 cm con captación sospechosa para proceso [[neoplásico]] y patrón restringido.", AssertionStatus.Uncertain)]
    [InlineData("Se resecó un nódulo cuyo estudio histopatológico fue compatible con [[metástasis de melanoma]].", AssertionStatus.Affirmed)]
    [InlineData("El diagnóstico patológico es compatible con [[angiosarcoma]] cutáneo.", AssertionStatus.Affirmed)]
    [InlineData("Nódulo con captación patológica compatible con [[metástasis]].", AssertionStatus.Uncertain)]
    [InlineData("Ingresa por neumotórax en relación con las [[metástasis]] pulmonares.", AssertionStatus.Affirmed)]
    [InlineData("Adenopatías mediastínicas en relación con proceso [[neoformativo]].", AssertionStatus.Uncertain)]
    [InlineData("Se pautó quimioterapia con un esquema similar a un [[sarcoma de Ewing]].", AssertionStatus.Other)]
    [InlineData("Se inició dacarbazina, fármaco estándar en [[melanoma]].", AssertionStatus.Other)]
    [InlineData("La PET muestra enfermedad activa en colon y [[lesiones hepáticas]] hipodensas.", AssertionStatus.Affirmed)]
    [InlineData("En la TC de extensión no se objetivan otras [[tumoraciones]] sospechosas.", AssertionStatus.Negated)]
    [InlineData("No se observan realces leptomeníngeos que sugieran la presencia de [[carcinomatosis]].", AssertionStatus.Negated)]
    [InlineData("Tras descartar [[enfermedad a distancia]] con una TC, se programa la cirugía.", AssertionStatus.Negated)]
    [InlineData("Estabilidad de la enfermedad, con dudosas [[lesiones óseas]] de nueva aparición.", AssertionStatus.Uncertain)]
    [InlineData("Ante la presunción diagnóstica de [[feocromocitoma]] se inicia doxazosina.", AssertionStatus.Uncertain)]
    [InlineData("Los hallazgos histológicos son indistinguibles entre [[melanoma]] y schwannoma.", AssertionStatus.Uncertain)]
    // A newcomer's made-up sentences (2026-12-01): a relative as the patient's possessor's subject, the patient sharing the
    // subject with a relative, "excluye", a figure of a singular type.
    [InlineData("La hermana de la paciente tuvo un [[carcinoma]] de mama y la paciente presenta un carcinoma lobulillar.", AssertionStatus.Other)]
    [InlineData("La paciente y su madre fueron diagnosticadas de [[carcinoma medular]] de tiroides.", AssertionStatus.Affirmed)]
    [InlineData("Sinaptofisina y cromogranina negativas, lo que excluye un [[tumor neuroendocrino]].", AssertionStatus.Negated)]
    [InlineData("El [[adenocarcinoma de páncreas]] tiene una supervivencia a cinco años inferior al 10 %.", AssertionStatus.Other)]
    [InlineData("El [[tumor]] presenta un tamaño de 3 cm.", AssertionStatus.Affirmed)]
    [InlineData("Los [[adenocarcinomas]] pulmonares suelen tener un comportamiento distinto.", AssertionStatus.Other)]
    [InlineData("Los agonistas de la trombopoyetina tienen descrito como efecto secundario [[mielofibrosis]].", AssertionStatus.Other)]
    // Round 13 (labels-background.tsv's errors): rankings and typical findings of types, markers of a type, sentences
    // whose negation is of something else, pathology conclusions in other words.
    [InlineData("Entre los tumores más frecuentes en el neonato se encuentran el [[neuroblastoma]] y el teratoma.", AssertionStatus.Other)]
    [InlineData("Se observó la traslocación 14-18, característica de los [[linfomas foliculares]].", AssertionStatus.Other)]
    [InlineData("Los marcadores tumorales para [[cáncer]] de colon estaban dentro de la normalidad.", AssertionStatus.Other)]
    [InlineData("Diabetes mellitus no insulina dependiente, dislipemia y [[cáncer]] de mama metastásico.", AssertionStatus.Affirmed)]
    [InlineData("Se completó la disección sin conseguir extirpar totalmente la [[tumoración]].", AssertionStatus.Affirmed)]
    [InlineData("Descripción microscópica: los fragmentos muestran áreas compatibles con un [[liposarcoma]].", AssertionStatus.Affirmed)]
    [InlineData("Fue remitido con el diagnóstico de [[tumor]] de músculo liso de potencial maligno incierto.", AssertionStatus.Affirmed)]
    // Round 14 (labels-background2.tsv's errors): differential diagnoses in other words.
    [InlineData("Otras posibilidades a considerar fueron el [[melanoma metastásico]] y el PEComa.", AssertionStatus.Uncertain)]
    [InlineData("Unos expertos se inclinaron por un diagnóstico de [[melanoma maligno]] y otros por melanocitoma.", AssertionStatus.Uncertain)]
    [InlineData("Varias formaciones nodulares de supuesto origen [[neoplásico]] en el riñón trasplantado.", AssertionStatus.Uncertain)]
    // Round 15 (labels-background3.tsv's errors): types ruled out, the past subjunctive under a negation, a response
    // that did not happen, pathology words, and a literature discussion with its references.
    [InlineData("Se descartaron otros tipos de tumores como [[linfoma]] o melanoma.", AssertionStatus.Negated)]
    [InlineData("La gammagrafía no mostró cambios que sugirieran la existencia de un [[linfoma]].", AssertionStatus.Negated)]
    [InlineData("Tras la paratiroidectomía no se evidencia remisión [[tumoral]] maxilar.", AssertionStatus.Affirmed)]
    [InlineData("Se realizó una microbiopsia hepática compatible con [[linfoma B difuso de célula grande]].", AssertionStatus.Affirmed)]
    [InlineData("Las [[metástasis]] cutáneas se presentan en aproximadamente un 2% de los procesos tumorales (1).", AssertionStatus.Other)]
    [InlineData("El [[colangiocarcinoma]] constituye un tumor de mal pronóstico con gran tendencia a metastatizar (5).", AssertionStatus.Other)]
    // Round 16 (labels-background4.tsv's errors, short notes): a service named after a type, a diagnosis brought in
    // after a negation, a negated consequence of the tumour, the patient's history named with the family's, a cause
    // given after a risk, tests that neither confirm nor rule out.
    [InlineData("Tras valoración en el Subcomité de [[tumores]] de cabeza y cuello se decidió radioterapia.", AssertionStatus.Other)]
    [InlineData("Continúa revisiones en la consulta de [[cáncer]] hereditario.", AssertionStatus.Other)]
    [InlineData("Es intervenida sin complicaciones, con diagnóstico anatomopatológico de [[adenocarcinoma de recto]].", AssertionStatus.Affirmed)]
    [InlineData("Asintomática, sin síntomas secundarios a las [[metástasis]] óseas.", AssertionStatus.Affirmed)]
    [InlineData("Entre sus antecedentes familiares y personales destaca un [[angiofibroma]] facial.", AssertionStatus.Affirmed)]
    [InlineData("Se suspendió el tratamiento por el riesgo de trombosis dada la [[enfermedad linfoproliferativa]].", AssertionStatus.Affirmed)]
    [InlineData("Las pruebas no resultan concluyentes para la existencia de un [[tumor]] primario.", AssertionStatus.Uncertain)]
    [InlineData("La imposibilidad para descartar [[malignidad]] llevó a la extirpación.", AssertionStatus.Uncertain)]
    [InlineData("No era posible determinar si las lesiones eran [[metastásicas]] o primarias.", AssertionStatus.Uncertain)]
    [InlineData("La inmunohistoquímica no logró confirmar un [[linfoma]].", AssertionStatus.Uncertain)]
    // Round 17 (labels-background5.tsv's errors): presumptive diagnoses, what a finding is typical of (but not in a
    // pathology description), a place in the tumour, a relative clause of the visit.
    [InlineData("Fue hospitalizada con diagnóstico presuntivo de [[leucemia de células velludas]].", AssertionStatus.Uncertain)]
    [InlineData("Fractura patológica del húmero por lesión radiológica típica de [[metástasis]] ósea.", AssertionStatus.Uncertain)]
    [InlineData("Células mononucleares con núcleos arriñonados típicos de las [[células de Langerhans]].", AssertionStatus.Affirmed)]
    [InlineData("Adenoma hipofisario de 7 mm, sin signos de hemorragia [[intratumoral]].", AssertionStatus.Affirmed)]
    [InlineData("Mujer sin antecedentes de interés que consulta por una [[tumoración]] rectal.", AssertionStatus.Affirmed)]
    // Round 18 (labels-background6.tsv's errors): "No"/"NO" that is not a negation, the tumour as the agent of a
    // negated effect, staining "frente a" markers, a workup that ruled it out, doubt and a case to come in other
    // words, a report that was not available, a trial's title in quotes.
    [InlineData("Estadificación pT2b No Mo del [[carcinoma urotelial]] de vejiga.", AssertionStatus.Affirmed)]
    [InlineData("La RM muestra engrosamiento del NO compatible con [[glioma]] de vía óptica.", AssertionStatus.Uncertain)]
    [InlineData("Los ganglios del hilio no están afectados por la [[neoplasia]].", AssertionStatus.Affirmed)]
    [InlineData("Las [[células tumorales]] muestran inmunorreactividad intensa frente a citoqueratinas.", AssertionStatus.Affirmed)]
    [InlineData("La TC de control permitió descartar [[metástasis]] a distancia.", AssertionStatus.Negated)]
    [InlineData("La fiebre persistente hizo plantear un [[linfoma]] como primera posibilidad.", AssertionStatus.Uncertain)]
    [InlineData("Con el diagnóstico provisional de [[schwannoma]] se realizó la exéresis.", AssertionStatus.Uncertain)]
    [InlineData("Por su pared engrosada debe tratarse de un [[tumor]] sólido.", AssertionStatus.Uncertain)]
    [InlineData("Se reserva la cirugía para el caso de que aparezca compresión [[tumoral]].", AssertionStatus.Hypothetical)]
    [InlineData("No estaba disponible el informe histológico de aquel [[tumor]].", AssertionStatus.Affirmed)]
    [InlineData("Se incluye en el ensayo \"Estudio fase III de nivolumab en el [[melanoma]] irresecable\".", AssertionStatus.Other)]
    // A newcomer's sentences: a negated consequence "relacionado con" the tumour, screening for one to come.
    [InlineData("Paciente asintomática, sin síntomas relacionados con su [[linfoma]] folicular.", AssertionStatus.Affirmed)]
    [InlineData("Se indica mamografía anual para detectar precozmente un [[carcinoma]].", AssertionStatus.Hypothetical)]
    // Round 19 (cross-validated errors of the tuning files): a clause about a relative ("que", "quien") is the relative's
    // whatever its verb; a member of the family.
    [InlineData("Permitió identificar a una hermana que presentó un [[CCR]] a los 40 años.", AssertionStatus.Other)]
    [InlineData("Sin otros antecedentes salvo un hermano que había sido intervenido un año antes de un [[tumor vesical]].", AssertionStatus.Other)]
    [InlineData("Refiere un tío materno, quien falleció de un [[linfoma]].", AssertionStatus.Other)]
    [InlineData("El estudio genético en un miembro de su familia afecto de [[carcinoma]] de mama detectó la mutación.", AssertionStatus.Other)]
    [InlineData("Acude con su hija, que refiere que la paciente presentó un [[melanoma]] en 2015.", AssertionStatus.Affirmed)]
    // Other patients of a series, the organ donor and the other recipients.
    [InlineData("Otro paciente de la serie presentó una peritonitis con antecedente de [[linfoma]].", AssertionStatus.Other)]
    [InlineData("El donante no presentaba enfermedad [[neoplásica]] conocida.", AssertionStatus.Other)]
    [InlineData("Los otros dos receptores de órganos fallecieron de [[cáncer microcítico]] de pulmón.", AssertionStatus.Other)]
    [InlineData("Visitó a su hermano que estaba ingresado y, días después, se le diagnosticó a ella un [[linfoma]].", AssertionStatus.Affirmed)]
    // A tester's sentences against the first form of round 19: relatives who tell or bring, a comparison with other
    // patients or recipients, the donor of the patient's own transplant, "en su madre" followed by the patient's history.
    [InlineData("Acude con su marido, quien refiere que presenta un [[tumor]] en la vulva desde hace meses.", AssertionStatus.Affirmed)]
    [InlineData("El paciente, al que su hijo encontró desorientado, presenta [[metástasis cerebrales]] múltiples.", AssertionStatus.Affirmed)]
    [InlineData("La paciente explica que su padre fue tratado de un linfoma y ella presenta ahora una [[adenopatía]] cervical.", AssertionStatus.Affirmed)]
    [InlineData("Al igual que otro paciente de nuestra serie, presentó [[metástasis cerebrales]] tardías.", AssertionStatus.Affirmed)]
    [InlineData("Ella, como otros receptores de órganos, desarrolló un [[carcinoma epidermoide]] cutáneo.", AssertionStatus.Affirmed)]
    [InlineData("Trasplante de médula ósea del donante emparentado por [[leucemia mieloide aguda]].", AssertionStatus.Affirmed)]
    [InlineData("El donante fue su hermano, y tras el trasplante de progenitores desarrolló [[recaída leucémica]].", AssertionStatus.Affirmed)]
    [InlineData("Se informó al paciente de que el donante era compatible y se programó trasplante por [[leucemia]].", AssertionStatus.Affirmed)]
    [InlineData("Diabetes en su madre, [[carcinoma papilar de tiroides]] intervenido en 2018.", AssertionStatus.Affirmed)]
    [InlineData("Estudio genético BRCA2 positivo en su madre, con [[carcinoma de mama]] bilateral en la paciente.", AssertionStatus.Affirmed)]
    // The patient named right after the tumour makes it hers, whoever the sentence began with ("en su hermano" stays
    // backward: looking forward it took the second one).
    [InlineData("Su madre que es enfermera detectó un [[nódulo tiroideo]] palpable en la paciente.", AssertionStatus.Affirmed)]
    [InlineData("Se recomienda estudio en su hermano por el [[carcinoma medular de tiroides]] de la paciente.", AssertionStatus.Affirmed)]
    [InlineData("En la consulta su padre pregunta por la evolución del [[neuroblastoma]] del niño.", AssertionStatus.Affirmed)]
    // A newcomer's sentences: the relative "cuya" introduces is the patient's tumour's possessor's, and a relative who
    // understands or asks is not the one with the tumour.
    [InlineData("Paciente con [[carcinoma epidermoide de pulmón]] cuya hermana falleció de un cáncer de mama.", AssertionStatus.Affirmed)]
    [InlineData("Paciente con adenocarcinoma de recto cuyo padre falleció de un [[cáncer gástrico]].", AssertionStatus.Other)]
    [InlineData("Comentado el caso con su esposo, quien comprende que el [[tumor]] es irresecable.", AssertionStatus.Affirmed)]
    // Round 20, from the cross-validated errors: a brain nucleus is imaging's anatomy, not a cell's nucleus, so the
    // "compatible con" after it is doubt; an imaging qualifier inside the trigger; a histological one is a result.
    [InlineData("Lesión en el núcleo lenticular derecho compatible con [[metástasis]].", AssertionStatus.Uncertain)]
    [InlineData("Lesiones en los núcleos de la base, compatibles con [[metástasis]].", AssertionStatus.Uncertain)]
    [InlineData("Células con núcleos hipercromáticos, compatibles con [[carcinoma]].", AssertionStatus.Affirmed)]
    [InlineData("Masa renal compatible radiológicamente con [[hipernefroma]].", AssertionStatus.Uncertain)]
    [InlineData("Tumoración compatible desde el punto de vista radiológico con [[hipernefroma]].", AssertionStatus.Uncertain)]
    [InlineData("La pieza resultó compatible histológicamente con [[carcinoma urotelial]].", AssertionStatus.Affirmed)]
    [InlineData("Nódulo suprarrenal sugestivo por imagen de [[adenoma]].", AssertionStatus.Uncertain)]
    [InlineData("Masa hepática sospechosa radiológicamente de [[hepatocarcinoma]].", AssertionStatus.Uncertain)]
    [InlineData("Nódulo compatible por tanto con [[metástasis]].", AssertionStatus.Uncertain)]
    public void GivenAKindFromTheTuningNotes_WhenJudged_ThenTheGuidelineStatus(string marked, AssertionStatus expected)
    {
        var (text, start, end) = Marked.Unmark(marked);

        Detector.Judge(text, [(start, end)], tumours: true)[0].Status.Should().Be(expected, "of \"{0}\"", marked);
    }

    [Theory]
    // Round 19: a clause about a relative is the relative's whatever its verb ("presentó" ends other scopes), and other
    // patients, the donor and other recipients are not the patient, by the trigger rules themselves (the classifier may agree anyway).
    [InlineData("Permitió identificar a una hermana que presentó [[CCR]] a los 40 años.")]
    [InlineData("Se identificó a su hermano, quien presentó [[linfoma]] de Hodgkin en 2010.")]
    [InlineData("Los otros dos receptores de órganos fallecieron de [[cáncer microcítico]] de pulmón.")]
    [InlineData("El donante no presentaba enfermedad [[neoplásica]] en el estudio previo al trasplante.")]
    // Round 22 (a tester's sentences): "él"/"ella" opening a clause after the relatives names the patient, and the relatives'
    // scope ends there. (The product still reads the first as other: its classifier, at p 0.59-0.91, overrides the rules;
    // guarding it broke three tuning mentions. Trainer README, round 22.)
    [InlineData("Su padre y su hermano tuvieron cáncer gástrico, y él presenta un [[adenocarcinoma gástrico difuso]].", AssertionStatus.Affirmed)]
    [InlineData("Su padre y su hermano tuvieron [[cáncer gástrico]], y él presenta un adenocarcinoma gástrico difuso.", AssertionStatus.Other)]
    [InlineData("Su madre tuvo un cáncer de mama y ella presenta un [[carcinoma lobulillar infiltrante]].", AssertionStatus.Affirmed)]
    [InlineData("El padre del paciente tuvo un [[linfoma]] y el tío también.", AssertionStatus.Other)]
    [InlineData("Su tío materno y su primo tienen cáncer renal, y a ella se le diagnosticó un [[carcinoma renal de células claras]].", AssertionStatus.Affirmed)]
    public void GivenARelativeOrAnotherPatient_WhenJudgedByTheRules_ThenOtherUntilThePatientIsNamed(string marked, AssertionStatus expected = AssertionStatus.Other)
    {
        var (text, start, end) = Marked.Unmark(marked);

        new AssertionDetector(rulesOnly: true).Judge(text, [(start, end)], tumours: true)[0].Status.Should().Be(expected, "of \"{0}\"", marked);
    }

    [Theory]
    [InlineData("Es diagnosticado de tumor germinal no seminoma (TGNS) de buen pronóstico.", "tumor germinal no seminoma", "TGNS")]
    [InlineData("Carcinoma no célula pequeña (CPNCP) con estudio molecular negativo.", "Carcinoma no célula pequeña", "CPNCP")]
    public void GivenANegationInsideAnotherTumourName_WhenJudged_ThenItNegatesNeitherMention(string text, string name, string abbreviation)
    {
        var spans = new[] { name, abbreviation }.Select(m => (text.IndexOf(m, StringComparison.Ordinal), text.IndexOf(m, StringComparison.Ordinal) + m.Length)).ToList();

        Detector.Judge(text, spans, tumours: true).Select(j => j.Status).Should().Equal(AssertionStatus.Affirmed, AssertionStatus.Affirmed);
    }

    [Theory]
    [InlineData("Diagnósticos diferenciales\n–Condrosarcoma\n–[[Osteosarcoma]]\n–Metástasis\n", AssertionStatus.Uncertain)]
    [InlineData("Diagnóstico diferencial de masa mediastínica:\n\nOsteocondroma.\nCordoma.\n[[Metástasis]].\n", AssertionStatus.Uncertain)]
    [InlineData("Diagnósticos diferenciales\n• Masa de la pared torácica:\n–[[Condrosarcoma]]\n–Osteosarcoma\n", AssertionStatus.Uncertain)]
    [InlineData("Existen dos posibles diagnósticos diferenciales, con diferente tratamiento para cada uno de ellos:\n- [[Carcinoma de pulmón]] estadio IV\n", AssertionStatus.Uncertain)]
    [InlineData("Diagnósticos diferenciales\nCondrosarcoma.\n\nDiagnóstico final\n[[Osteosarcoma]] metastásico.\n", AssertionStatus.Affirmed)]
    [InlineData("Diagnóstico diferencial\nLa paciente presentaba un [[osteosarcoma]] conocido desde hace dos años, ya tratado con cirugía.\n", AssertionStatus.Affirmed)]
    [InlineData("Hallazgos\n–[[Osteosarcoma]]\n", AssertionStatus.Affirmed)]
    public void GivenAListItemUnderAHeading_WhenJudged_ThenADifferentialDiagnosisHeadingMakesItUncertain(string marked, AssertionStatus expected)
    {
        var (text, start, end) = Marked.Unmark(marked);

        var judgement = Detector.Judge(text, [(start, end)], tumours: true)[0];

        judgement.Status.Should().Be(expected, "of \"{0}\"", marked);
        if (expected == AssertionStatus.Uncertain)
        {
            var cue = judgement.Basis.Cue!;
            text[cue.Start..cue.End].Should().Be(cue.Text).And.MatchRegex("^[Dd]iagnósticos? diferencial(es)?$", "the heading is the cue");
        }
    }

    [Theory]
    // A condition frames the doubt inside it (the rules; the classifier, which has seen few hypothetical tumours, still
    // reads these three as uncertain: both are non-affirmed, and neither is written as confirmed).
    [InlineData("Si se confirmara la sospecha de [[metástasis hepática]], se plantearía quimioterapia.")]
    [InlineData("En caso de sospecha de [[metástasis]], se repetirá el TC.")]
    [InlineData("Si apareciera lesión ósea sugestiva de [[metástasis]], se realizará gammagrafía.")]
    public void GivenADoubtInsideACondition_WhenJudgedByTheRules_ThenHypothetical(string marked)
    {
        var (text, start, end) = Marked.Unmark(marked);

        new AssertionDetector(rulesOnly: true).Judge(text, [(start, end)], tumours: true)[0].Status.Should().Be(AssertionStatus.Hypothetical, "of \"{0}\"", marked);
    }

    [Theory]
    // A ruling-out already done negates however little the classifier believes it (a tester's sentence first: it had been
    // doubted into uncertain); "descartar", to rule out, stays a doubt.
    [InlineData("Carcinoma de pulmón cT2 N0 M0 ([[metástasis cerebral]] descartada).", AssertionStatus.Negated, "descartada")]
    [InlineData("Tras haberse descartado otras posibilidades como el [[mixoma]] auricular, se derivó a Oncología.", AssertionStatus.Negated, "descartado")]
    [InlineData("Se ha descartado [[GIST]] c-KIT positivo y se orienta hacia un sarcoma indiferenciado.", AssertionStatus.Negated, "ha descartado")]
    [InlineData("En la PET se descartaron [[metástasis a distancia]].", AssertionStatus.Negated, "se descartaron")]
    [InlineData("Se solicita TC para descartar [[metástasis]].", AssertionStatus.Uncertain, "para descartar")]
    // A ruling-out done, then how: it answers what came before it (a tester's: had been affirmed).
    [InlineData("La presencia de [[metástasis]] se descartó mediante PET.", AssertionStatus.Negated, "se descartó")]
    [InlineData("Se descartó mediante PET la presencia de [[metástasis]].", AssertionStatus.Negated, "Se descartó")]
    public void GivenARulingOut_WhenJudged_ThenNegatedWhenDoneAndUncertainWhenPending(string marked, AssertionStatus expected, string cueText)
    {
        var (text, start, end) = Marked.Unmark(marked);

        var judgement = Detector.Judge(text, [(start, end)], tumours: true)[0];

        judgement.Status.Should().Be(expected, "of \"{0}\"", marked);
        judgement.Basis.Cue!.Text.Should().Be(cueText);
    }

    [Theory]
    // "Excluir" in the past rules the tumour out; the verb is the cue (the negation was found by a
    // stray "ausencia de" before, with that as its cue).
    [InlineData("La ausencia de pérdida de INI1 excluía [[sarcoma epitelial]].", "excluía")]
    [InlineData("La inmunohistoquímica excluyó un [[linfoma]].", "excluyó")]
    [InlineData("Los marcadores excluyeron [[tumor neuroendocrino]].", "excluyeron")]
    public void GivenAPastFormOfExcluir_WhenJudged_ThenNegatedWithTheVerbAsCue(string marked, string cueText)
    {
        var (text, start, end) = Marked.Unmark(marked);

        var judgement = Detector.Judge(text, [(start, end)], tumours: true)[0];

        judgement.Status.Should().Be(AssertionStatus.Negated, "of \"{0}\"", marked);
        var cue = judgement.Basis.Cue!;
        text[cue.Start..cue.End].Should().Be(cue.Text).And.Be(cueText);
    }

    [Fact]
    public void GivenANoteThatIsOneLongLineWithThousandsOfMentions_WhenJudged_ThenEachMentionReadsABoundedStretch()
    {
        // 7,000 sentences (about 400 KB) on one line, 14,000 mentions: reading the whole line for each
        // mention (paragraph features, headings above) took minutes; bounded, it takes about a second.
        const string sentence = "Paciente con adenocarcinoma de pulmón y metástasis óseas (1). ";
        var text = string.Concat(Enumerable.Repeat(sentence, 7000));
        var spans = new List<(int, int)>();
        for (var at = 0; at < text.Length; at += sentence.Length)
        {
            spans.Add((at + 13, at + 27));
            spans.Add((at + 40, at + 50));
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var judgements = Detector.Judge(text, spans, tumours: true);

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the step is linear in the note's length");
        judgements.Should().HaveCount(spans.Count);
        judgements.Select(j => j.Status).Distinct().Should().Equal([AssertionStatus.Affirmed], "every sentence names the patient's tumours");
    }

    [Fact]
    public void GivenMentionsNotKnownToBeTumours_WhenJudged_ThenTumourReadingsApplyOnlyToWordsThatNameATumour()
    {
        // A space-occupying lesion ("LOE") names a tumour only by the NER's label: its disappearance is a response
        // (affirmed) for a tumour mention, and the absence NUBes reads for any other finding.
        var (text, start, end) = Marked.Unmark("Con desaparición de [[LOE hepática]] y disminución de la masa suprarrenal.");

        Detector.Judge(text, [(start, end)], tumours: true)[0].Status.Should().Be(AssertionStatus.Affirmed);
        Detector.Judge(text, [(start, end)])[0].Status.Should().Be(AssertionStatus.Negated);
    }

    [Fact]
    public void GivenANegatedMention_WhenJudged_ThenTheBasisNamesTheRuleAndACueThatPointsAtItsWords()
    {
        var (text, start, end) = Marked.Unmark("Paciente estable. En la TC no se observan [[metástasis hepáticas]].");

        var judgement = Detector.Judge(text, [(start, end)])[0];

        judgement.Status.Should().Be(AssertionStatus.Negated);
        judgement.Basis.Method.Should().Be(AssertionMethod.ConText);
        judgement.Basis.Cue.Should().NotBeNull();
        text[judgement.Basis.Cue!.Start..judgement.Basis.Cue.End].Should().Be(judgement.Basis.Cue.Text).And.Be("no");
        judgement.Basis.Confidence.Should().BeInRange(0.8f, 1f);
    }

    [Fact]
    public void GivenADecomposedNote_WhenAnalysed_ThenTheCueOffsetsPointIntoTheNoteAsGiven()
    {
        // Decomposed accents (NFD) before the cue: the analyzer reads NFC, and moves offsets back.
        const string text = "Tumoracio\u0301n pe\u0301lvica previa. Sin evidencia de meta\u0301stasis hepa\u0301ticas.";
        var start = text.IndexOf("meta", StringComparison.Ordinal);
        var mention = new Mention(start, text.Length - 1, text[start..^1], "MORFOLOGIA_NEOPLASIA", 1f);

        var finding = new NoteAnalyzer(null, null).Analyze(text, [("T1", mention)]).Findings.Single();

        finding.Assertion.Should().Be(AssertionStatus.Negated);
        var cue = finding.AssertionBasis!.Cue!;
        text[cue.Start..cue.End].Should().Be(cue.Text).And.Be("Sin evidencia de");
    }

    [Fact]
    public void GivenAPlainAffirmedMention_WhenJudged_ThenNoCueAndTheDefaultMethod()
    {
        var (text, start, end) = Marked.Unmark("Diagnosticada de [[adenocarcinoma de colon]] en 2019.");

        var judgement = Detector.Judge(text, [(start, end)])[0];

        judgement.Should().BeEquivalentTo(new { Status = AssertionStatus.Affirmed, Basis = new { Method = AssertionMethod.Default, Cue = (AssertionCue?)null } });
    }

    [Fact]
    public void GivenTheRulesAlone_WhenJudged_ThenNoClassifierDecidesOrReportsAProbability()
    {
        var rulesOnly = new AssertionDetector(rulesOnly: true);
        var (text, start, end) = Marked.Unmark("Los [[tumores phyllodes]] son infrecuentes.");

        rulesOnly.Judge(text, [(start, end)])[0].Basis.Confidence.Should().Be(1f);
        rulesOnly.Judge(text, [(start, end)])[0].Basis.Method.Should().NotBe(AssertionMethod.Classifier);
    }
}
