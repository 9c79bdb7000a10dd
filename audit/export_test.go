package audit

// VerifyRecordsInBatches is VerifyRecords reading batch records at a time.
var VerifyRecordsInBatches = verifyRecords
